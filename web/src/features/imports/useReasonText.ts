import { useTranslation } from 'react-i18next';
import { qualityEn } from '../../i18n/areas/quality.en.ts';

type ReasonCode = keyof typeof qualityEn.imports.reasons;

const isReasonCode = (code: string): code is ReasonCode => code in qualityEn.imports.reasons;

/** A rejection's reason in the current language by its stable code; the server's English text otherwise. */
export function useReasonText(): (code: string, reason: string) => string {
  const { t } = useTranslation();
  return (code, reason) => (isReasonCode(code) ? t(`imports.reasons.${code}`) : reason);
}

import type { FormProps } from 'antd';
import type { TFunction } from 'i18next';

type ValidateMessages = NonNullable<FormProps['validateMessages']>;

/**
 * The messages of antd's built-in form rules in the app's words, for every form (set once on the
 * ConfigProvider): a required field left empty, or only blank, says "Required." / 必填。, as the
 * forms that name their message do, instead of antd's "Please enter Title".
 */
export function appValidateMessages(t: TFunction): ValidateMessages {
  const required = t('errors.field.required');
  return { required, whitespace: required };
}

import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/** The center's time zone from GET /me; every date and time on screen is shown in it. */
let centerZone = 'Asia/Shanghai';

export function setCenterTimeZone(zone: string): void {
  centerZone = zone;
}

export function getCenterTimeZone(): string {
  return centerZone;
}

/** An instant (ISO string) as local date and time in the center: 2026-11-27 09:30. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return dayjs(iso).tz(centerZone).format('YYYY-MM-DD HH:mm');
}

/** An instant as a local date in the center. A plain YYYY-MM-DD is a calendar date and stays as is. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return dayjs(iso).tz(centerZone).format('YYYY-MM-DD');
}

export { dayjs };

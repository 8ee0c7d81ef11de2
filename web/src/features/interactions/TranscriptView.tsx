import { Empty, Typography } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTranscriptTurn } from '../../../../shared/schemas/interaction.ts';
import { formatDuration } from './api.ts';

/** The turn being heard at `time`: the last one that has started (turns may leave gaps). */
export function activeTurnIndex(turns: readonly TTranscriptTurn[], time: number): number {
  let active = -1;
  turns.forEach((turn, i) => {
    if (turn.start_s <= time + 0.05) active = i;
  });
  if (active >= 0 && time > (turns[active]?.end_s ?? 0) + 1) return -1;
  return active;
}

/**
 * The transcript as a conversation: the agent on the right, the customer on the left, each turn
 * with its time. Clicking a turn (anywhere on its row) seeks; the turn being played is highlighted and kept in view.
 */
export function TranscriptView({
  turns,
  time,
  onSeek,
}: {
  turns: readonly TTranscriptTurn[] | null;
  time: number;
  onSeek?: (seconds: number) => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const active = turns ? activeTurnIndex(turns, time) : -1;

  useEffect(() => {
    const container = box.current;
    const el = container?.querySelector<HTMLElement>(`[data-turn="${active}"]`);
    if (!container || !el) return;
    // Scroll only the transcript box, never the page.
    const top = el.offsetTop;
    if (top < container.scrollTop || top + el.offsetHeight > container.scrollTop + container.clientHeight) {
      container.scrollTo({ top: Math.max(0, top - container.clientHeight / 3), behavior: 'smooth' });
    }
  }, [active]);

  if (!turns || turns.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('interactions.detail.noTranscript')} />;
  }

  return (
    <div
      ref={box}
      data-testid="transcript"
      style={{ maxHeight: 520, overflowY: 'auto', padding: '4px 4px 4px 0', position: 'relative' }}
    >
      {turns.map((turn, i) => {
        const isAgent = turn.speaker === 'agent';
        const isActive = i === active;
        return (
          // The whole row seeks (its empty side and its time too). The keyboard reaches the turn
          // through its bubble, a button, whose click bubbles up to this row: one seek either way.
          <div
            key={i}
            data-turn={i}
            data-active={isActive ? 'true' : undefined}
            onClick={onSeek ? () => onSeek(turn.start_s) : undefined}
            style={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: isAgent ? 'flex-end' : 'flex-start',
              padding: '0 0 10px',
              cursor: onSeek ? 'pointer' : 'default',
            }}
          >
            <Typography.Text type="secondary" style={{ fontSize: 12, marginBottom: 2 }}>
              {t(`quality.speaker.${turn.speaker}`)} · {formatDuration(turn.start_s)}
            </Typography.Text>
            <button
              type="button"
              disabled={!onSeek}
              style={{
                maxWidth: '85%',
                textAlign: 'left',
                font: 'inherit',
                lineHeight: 1.6,
                padding: '6px 12px',
                borderRadius: 10,
                border: isActive ? '1px solid #1554ad' : '1px solid transparent',
                background: isActive ? '#fff7e6' : isAgent ? '#e6f0ff' : '#f5f5f5',
                boxShadow: isActive ? '0 0 0 2px rgba(21,84,173,0.15)' : 'none',
                cursor: onSeek ? 'pointer' : 'default',
                color: 'inherit',
                whiteSpace: 'pre-wrap',
                wordBreak: 'break-word',
              }}
            >
              {turn.text}
            </button>
          </div>
        );
      })}
    </div>
  );
}

import { CommentOutlined, PauseCircleOutlined, PlayCircleOutlined, PushpinOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Flex, Input, List, Popover, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { TInteractionDetail } from '../../../../shared/schemas/interaction.ts';
import { recordingUrl } from './api.ts';
import { formatDuration } from '../interactions/api.ts';
import { PlayerTime, RecordingUnavailable } from '../interactions/RecordingPlayer.tsx';

/**
 * A comment pinned to a moment of the recording and/or a transcript turn, and optionally to an item
 * of the scorecard. `setAside`: a correction leaves it out (its item's result changed), shown struck.
 */
export type PinnedMark = {
  at_s: number | null;
  turn_index: number | null;
  item_id?: number | null;
  text: string;
  setAside?: boolean;
};

/** A scorecard item a comment may be pinned to. */
export type MarkItem = { id: number; text: string };

const MARK_COLOR = 'rgba(245, 34, 45, 0.85)';

/**
 * The recording as a waveform (wavesurfer.js) with the pinned comments as markers, and the
 * transcript: clicking a turn seeks there. With `onAddMark`, comments can be pinned to the
 * current moment or to a turn, and to one of the scorecard's `items` (optional).
 */
export function RecordingPanel({
  interaction,
  marks,
  items = [],
  onAddMark,
  onRemoveMark,
}: {
  interaction: TInteractionDetail;
  marks: PinnedMark[];
  /** The scorecard's items, in order: shown on the comments pinned to one, and offered when pinning. */
  items?: readonly MarkItem[];
  onAddMark?: (mark: PinnedMark) => void;
  onRemoveMark?: (index: number) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const wave = useRef<WaveSurfer | null>(null);
  const regions = useRef<RegionsPlugin | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  // The audio's own length once it is decoded (the call's duration_s is metadata and may differ; it
  // is shown, so marked, until then or when the audio cannot be loaded).
  const [duration, setDuration] = useState<number | null>(null);
  const [draft, setDraft] = useState('');
  const [turnDraft, setTurnDraft] = useState<{ index: number; text: string } | null>(null);
  // The item the next comment is pinned to (none by default; cleared after each pin).
  const [pinItem, setPinItem] = useState<number | null>(null);
  const itemText = new Map(items.map((i) => [i.id, i.text]));
  const itemSelect =
    items.length > 0 ? (
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 150 }}
        popupMatchSelectWidth={false}
        placeholder={t('evaluations.marks.itemPick')}
        value={pinItem}
        onChange={(v: number | undefined) => setPinItem(v ?? null)}
        options={items.map((i) => ({ value: i.id, label: i.text }))}
        data-testid="mark-item"
      />
    ) : null;
  // The API streams only uploaded recordings; an imported one lives at its external URL.
  const source = interaction.recording_uploaded ? recordingUrl(interaction.id) : interaction.recording_url;
  const hasRecording = interaction.has_recording && source !== null;

  useEffect(() => {
    if (!hasRecording || !source || !container.current) return;
    const plugin = RegionsPlugin.create();
    const ws = WaveSurfer.create({
      container: container.current,
      url: source,
      height: 72,
      waveColor: '#9db7e0',
      progressColor: '#1554ad',
      cursorColor: '#f5222d',
      normalize: true,
      plugins: [plugin],
    });
    wave.current = ws;
    regions.current = plugin;
    const subs = [
      ws.on('ready', (d) => {
        setReady(true);
        setDuration(d);
      }),
      ws.on('error', () => setFailed(true)),
      ws.on('timeupdate', (s) => setTime(s)),
      ws.on('play', () => setPlaying(true)),
      ws.on('pause', () => setPlaying(false)),
    ];
    return () => {
      subs.forEach((off) => off());
      ws.destroy();
      wave.current = null;
      regions.current = null;
      setReady(false);
      setDuration(null);
    };
  }, [hasRecording, source]);

  // Markers follow the list of pinned comments.
  useEffect(() => {
    const plugin = regions.current;
    if (!plugin || !ready) return;
    plugin.clearRegions();
    marks.forEach((m, i) => {
      const at = m.at_s ?? (m.turn_index !== null ? interaction.transcript?.[m.turn_index]?.start_s : null);
      if (at === null || at === undefined) return;
      const label = document.createElement('span');
      label.textContent = String(i + 1);
      label.title = m.text;
      label.style.cssText = 'font-size:11px;background:#f5222d;color:#fff;padding:0 4px;border-radius:2px';
      plugin.addRegion({ id: `mark-${i}`, start: at, color: MARK_COLOR, content: label, drag: false });
    });
  }, [marks, ready, interaction.transcript]);

  const seek = (seconds: number) => {
    const ws = wave.current;
    if (ws && ready) ws.setTime(seconds);
    setTime(seconds);
  };

  const handlePin = () => {
    const text = draft.trim();
    if (!text || !onAddMark) return;
    onAddMark({ at_s: Math.round(time * 10) / 10, turn_index: null, item_id: pinItem, text });
    setDraft('');
    setPinItem(null);
  };

  const transcript = interaction.transcript ?? [];
  const activeTurn = transcript.findIndex((turn) => time >= turn.start_s && time < turn.end_s);

  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {hasRecording ? (
        <div>
          <div
            ref={container}
            data-testid="waveform"
            style={{
              // Nothing to draw once the recording could not be loaded: the message takes its place.
              display: failed ? 'none' : undefined,
              border: '1px solid #f0f0f0',
              borderRadius: 6,
              minHeight: 74,
              background: '#fafcff',
            }}
          />
          {failed && <RecordingUnavailable />}
          <Flex align="center" gap={8} wrap style={{ marginTop: 8 }}>
            <Button
              icon={playing ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
              disabled={!ready}
              onClick={() => void wave.current?.playPause()}
              data-testid="player-toggle"
            >
              {playing ? t('evaluations.player.pause') : t('evaluations.player.play')}
            </Button>
            <PlayerTime at={time} audioSeconds={duration} recordSeconds={interaction.duration_s} code />
            {onAddMark && (
              <Space.Compact style={{ flex: 1, minWidth: 260 }}>
                {itemSelect}
                <Input
                  value={draft}
                  onChange={(e) => setDraft(e.target.value)}
                  onPressEnter={handlePin}
                  placeholder={t('evaluations.marks.placeholder', { at: formatDuration(time) })}
                  data-testid="mark-text"
                  maxLength={2000}
                />
                <Button icon={<PushpinOutlined />} onClick={handlePin} data-testid="mark-add">
                  {t('evaluations.marks.pin')}
                </Button>
              </Space.Compact>
            )}
          </Flex>
        </div>
      ) : (
        <Alert type="info" showIcon title={t('evaluations.player.none')} />
      )}

      <div>
        <Typography.Text strong>{t('evaluations.marks.title')}</Typography.Text>
        {marks.length === 0 ? (
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('evaluations.marks.empty')}
          </Typography.Paragraph>
        ) : (
          <List
            size="small"
            data-testid="marks-list"
            dataSource={marks.map((m, i) => ({ ...m, i }))}
            renderItem={(m) => (
              <List.Item
                actions={
                  onRemoveMark
                    ? [
                        <Button key="rm" type="link" size="small" danger onClick={() => onRemoveMark(m.i)}>
                          {t('evaluations.marks.remove')}
                        </Button>,
                      ]
                    : undefined
                }
              >
                {/* The moment and the turn keep their width (in a narrow column "0:39" broke after "0:3"); the text wraps. */}
                <Flex gap={8} align="start" style={{ flex: 1, minWidth: 0 }}>
                  <Tag color="red" style={{ marginInlineEnd: 0 }}>
                    {m.i + 1}
                  </Tag>
                  {m.at_s !== null && (
                    <a onClick={() => seek(m.at_s ?? 0)} style={{ flexShrink: 0 }}>
                      <Typography.Text code style={{ whiteSpace: 'nowrap' }} data-testid="mark-at">
                        {formatDuration(m.at_s)}
                      </Typography.Text>
                    </a>
                  )}
                  {m.turn_index !== null && (
                    <Tag style={{ marginInlineEnd: 0, flexShrink: 0 }}>
                      {t('evaluations.marks.turn', { n: m.turn_index + 1 })}
                    </Tag>
                  )}
                  <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text
                      delete={m.setAside === true}
                      type={m.setAside ? 'secondary' : undefined}
                      style={{ overflowWrap: 'anywhere' }}
                    >
                      {m.text}
                    </Typography.Text>
                    {m.item_id !== null && m.item_id !== undefined && (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="mark-item-name">
                        {t('evaluations.marks.item', { item: itemText.get(m.item_id) ?? `#${m.item_id}` })}
                      </Typography.Text>
                    )}
                  </Flex>
                </Flex>
              </List.Item>
            )}
          />
        )}
      </div>

      <div>
        <Typography.Text strong>{t('evaluations.transcript.title')}</Typography.Text>
        {transcript.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluations.transcript.none')} />
        ) : (
          <div
            data-testid="transcript"
            style={{ maxHeight: 420, overflow: 'auto', marginTop: 4, paddingInlineEnd: 4 }}
          >
            {transcript.map((turn, i) => {
              const isAgent = turn.speaker === 'agent';
              return (
                <Flex
                  key={i}
                  gap={8}
                  align="flex-start"
                  data-testid="transcript-turn"
                  onClick={() => seek(turn.start_s)}
                  style={{
                    cursor: 'pointer',
                    padding: '6px 8px',
                    borderRadius: 6,
                    marginBottom: 4,
                    background: i === activeTurn ? '#e6f0ff' : isAgent ? '#f6f9ff' : '#fafafa',
                  }}
                >
                  <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 44 }}>
                    {formatDuration(turn.start_s)}
                  </Typography.Text>
                  <Tag color={isAgent ? 'blue' : 'default'} style={{ marginInlineEnd: 0 }}>
                    {t(`evaluations.transcript.${turn.speaker}`)}
                  </Tag>
                  <span style={{ flex: 1 }}>{turn.text}</span>
                  {onAddMark && (
                    <Popover
                      trigger="click"
                      open={turnDraft?.index === i}
                      onOpenChange={(open) => setTurnDraft(open ? { index: i, text: '' } : null)}
                      content={
                        <Space.Compact
                          style={{ width: itemSelect ? 500 : 300 }}
                          onClick={(e) => e.stopPropagation()}
                        >
                          {itemSelect}
                          <Input
                            autoFocus
                            value={turnDraft?.text ?? ''}
                            onChange={(e) => setTurnDraft({ index: i, text: e.target.value })}
                            placeholder={t('evaluations.marks.turnPlaceholder')}
                            maxLength={2000}
                            data-testid="turn-mark-text"
                          />
                          <Button
                            type="primary"
                            data-testid="turn-mark-add"
                            onClick={() => {
                              const text = turnDraft?.text.trim();
                              if (text)
                                onAddMark({ at_s: turn.start_s, turn_index: i, item_id: pinItem, text });
                              setTurnDraft(null);
                              setPinItem(null);
                            }}
                          >
                            {t('evaluations.marks.pin')}
                          </Button>
                        </Space.Compact>
                      }
                    >
                      <Button
                        size="small"
                        type="text"
                        icon={<CommentOutlined />}
                        aria-label={t('evaluations.marks.onTurn')}
                        title={t('evaluations.marks.onTurn')}
                        onClick={(e) => e.stopPropagation()}
                        data-testid="turn-mark"
                      />
                    </Popover>
                  )}
                </Flex>
              );
            })}
          </div>
        )}
      </div>
    </Space>
  );
}

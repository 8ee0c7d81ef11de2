import { PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Segmented, Spin, Typography } from 'antd';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import WaveSurfer from 'wavesurfer.js';
import { playerTime } from './player-time.ts';

/** What the page may ask of the player (the transcript seeks through it). */
export type PlayerHandle = { seek: (seconds: number) => void };

const SPEEDS = [0.75, 1, 1.25, 1.5, 2] as const;

/**
 * A waveform player (wavesurfer.js, bundled — no CDN). The audio element streams `src` with HTTP
 * Range; wavesurfer reads the file once more to draw the waveform. When the waveform cannot be
 * drawn (an external URL without CORS, an unusual codec) the plain browser player takes over.
 * When the audio itself cannot be loaded (a missing file, an unreachable URL), it says so, and the
 * length shown is the call record's `recordSeconds` (duration_s).
 */
export function RecordingPlayer({
  src,
  recordSeconds,
  handleRef,
  onTime,
}: {
  src: string;
  recordSeconds?: number | null;
  handleRef: RefObject<PlayerHandle | null>;
  onTime: (seconds: number) => void;
}) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  // The audio itself could not be loaded (the browser's media error): nothing to play.
  const [unplayable, setUnplayable] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  // The audio's own length, once the browser has read it (null until then).
  const [duration, setDuration] = useState<number | null>(null);
  const [speed, setSpeed] = useState(1);
  const onTimeRef = useRef(onTime);
  useEffect(() => {
    onTimeRef.current = onTime;
  }, [onTime]);

  useEffect(() => {
    const media = audio.current;
    if (!container.current || !media) return;
    setReady(false);
    setFailed(false);
    setUnplayable(false);
    setDuration(null);
    const absolute = new URL(src, window.location.href).href;
    media.src = absolute;
    // wavesurfer loads media.src itself (one fetch for the waveform); calling load() again would
    // abort that fetch.
    const ws = WaveSurfer.create({
      container: container.current,
      media,
      height: 96,
      waveColor: '#9bb7e0',
      progressColor: '#1554ad',
      cursorColor: '#d4380d',
      barWidth: 2,
      barGap: 1,
      barRadius: 2,
      normalize: true,
    });
    const unsubscribe = [
      ws.on('ready', (d) => {
        setReady(true);
        setDuration(d);
      }),
      ws.on('error', () => setFailed(true)),
    ];
    const handleTime = () => {
      setTime(media.currentTime);
      onTimeRef.current(media.currentTime);
    };
    const handlePlay = () => setPlaying(true);
    const handlePause = () => setPlaying(false);
    const handleMeta = () => {
      if (Number.isFinite(media.duration)) setDuration(media.duration);
    };
    const handleError = () => setUnplayable(true);
    media.addEventListener('timeupdate', handleTime);
    media.addEventListener('seeked', handleTime);
    media.addEventListener('play', handlePlay);
    media.addEventListener('pause', handlePause);
    media.addEventListener('loadedmetadata', handleMeta);
    media.addEventListener('error', handleError);
    handleRef.current = {
      seek: (seconds) => {
        media.currentTime = seconds;
        setTime(seconds);
        onTimeRef.current(seconds);
      },
    };
    return () => {
      unsubscribe.forEach((u) => u());
      media.removeEventListener('timeupdate', handleTime);
      media.removeEventListener('seeked', handleTime);
      media.removeEventListener('play', handlePlay);
      media.removeEventListener('pause', handlePause);
      media.removeEventListener('loadedmetadata', handleMeta);
      media.removeEventListener('error', handleError);
      handleRef.current = null;
      ws.destroy();
    };
  }, [src, handleRef]);

  useEffect(() => {
    if (audio.current) audio.current.playbackRate = speed;
  }, [speed]);

  const handleToggle = () => {
    const media = audio.current;
    if (!media) return;
    if (media.paused) void media.play().catch(() => setFailed(true));
    else media.pause();
  };

  // A waveform that could not be drawn leaves the plain player, unless the audio cannot be loaded at all.
  const plain = failed && !unplayable;
  return (
    <div data-testid="recording-player" data-ready={ready ? 'true' : 'false'}>
      <div style={{ position: 'relative', minHeight: failed || unplayable ? 0 : 96 }}>
        <div
          ref={container}
          style={{ display: failed || unplayable ? 'none' : 'block', cursor: 'pointer' }}
        />
        {!ready && !failed && !unplayable && (
          <Flex
            align="center"
            justify="center"
            gap={8}
            style={{ position: 'absolute', inset: 0, pointerEvents: 'none' }}
          >
            <Spin size="small" />
            <Typography.Text type="secondary">{t('interactions.player.loading')}</Typography.Text>
          </Flex>
        )}
      </div>
      {unplayable ? (
        <RecordingUnavailable />
      ) : (
        failed && (
          <Alert
            type="warning"
            showIcon
            title={t('interactions.player.failed')}
            style={{ marginBottom: 8 }}
          />
        )
      )}
      <audio
        ref={audio}
        controls={plain}
        preload="metadata"
        style={{ width: '100%', display: plain ? 'block' : 'none' }}
      />
      <Flex align="center" gap={12} wrap style={{ marginTop: 12 }}>
        <Button
          type="primary"
          icon={playing ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
          onClick={handleToggle}
          disabled={unplayable}
          data-testid="player-toggle"
        >
          {playing ? t('interactions.player.pause') : t('interactions.player.play')}
        </Button>
        <PlayerTime at={time} audioSeconds={duration} recordSeconds={recordSeconds} />
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('interactions.player.speed')}</Typography.Text>
          <Segmented<number>
            size="small"
            value={speed}
            onChange={setSpeed}
            options={SPEEDS.map((s) => ({ value: s, label: `${s}×` }))}
            data-testid="player-speed"
          />
        </Flex>
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
        {t('interactions.player.seekHint')}
      </Typography.Text>
    </div>
  );
}

/** The message of a player whose recording could not be loaded (a missing file, an unreachable URL). */
export function RecordingUnavailable() {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      title={t('interactions.player.unavailable')}
      style={{ marginBottom: 8 }}
      data-testid="recording-unavailable"
    />
  );
}

/**
 * A player's time and length (player-time.ts): the audio's own length once read, else the call
 * record's, with a note saying so. `code` for the evaluation workspace's look.
 */
export function PlayerTime({
  at,
  audioSeconds,
  recordSeconds,
  code = false,
}: {
  at: number;
  audioSeconds: number | null;
  recordSeconds?: number | null;
  code?: boolean;
}) {
  const { t } = useTranslation();
  const shown = playerTime(t, { at, audioSeconds, recordSeconds });
  return (
    <Flex align="baseline" gap={6}>
      <Typography.Text
        code={code}
        data-testid="player-time"
        data-seconds={at.toFixed(2)}
        data-duration={audioSeconds?.toFixed(2)}
        data-length-from={shown.lengthFrom ?? 'unknown'}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {shown.text}
      </Typography.Text>
      {shown.note && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="player-length-note">
          {shown.note}
        </Typography.Text>
      )}
    </Flex>
  );
}

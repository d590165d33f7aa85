import { formatClock } from './event-format';

/** Whether the explorer follows new events, when it last asked, and the button to pause or resume it. */
export function LiveToggle({
  live,
  visible,
  updatedAt,
  onToggle,
}: {
  live: boolean;
  visible: boolean;
  updatedAt: number;
  onToggle: () => void;
}) {
  const state = !live ? 'Paused' : visible ? 'Live' : 'Paused while this tab is hidden';
  return (
    <div className="live-status">
      <span className={live && visible ? 'live-dot on' : 'live-dot'} aria-hidden="true" />
      <span>
        <strong>{state}</strong>
        {updatedAt > 0 && <span className="muted"> · updated {formatClock(updatedAt)}</span>}
      </span>
      <button type="button" onClick={onToggle}>
        {live ? 'Pause' : 'Resume'}
      </button>
    </div>
  );
}

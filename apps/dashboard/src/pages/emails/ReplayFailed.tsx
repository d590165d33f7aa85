import { useProjectMutation } from '../../api/hooks';
import { replayMessage } from './outbox';

/** Sends the project's failed emails again (after an SMTP outage, say) and says how many went back. */
export function ReplayFailed() {
  const replay = useProjectMutation<void, { replayed: number }>('POST', () => 'emails/replay', ['emails']);
  return (
    <div className="outbox-replay">
      <button type="button" disabled={replay.isPending} onClick={() => replay.mutate()}>
        {replay.isPending ? 'Replaying…' : 'Replay failed emails'}
      </button>
      <span role="status" className={replay.isError ? 'error' : 'muted'}>
        {replay.isSuccess && replayMessage(replay.data.replayed)}
        {replay.isError && `Could not replay: ${replay.error.message}`}
      </span>
    </div>
  );
}

import { Outbox } from './emails/Outbox';
import './workflow.css';

export function Emails() {
  return <Outbox />;
}

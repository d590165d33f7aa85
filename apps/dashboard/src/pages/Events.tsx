import { EventExplorer } from './events/EventExplorer';
import './workflow.css';

export function Events() {
  return <EventExplorer />;
}

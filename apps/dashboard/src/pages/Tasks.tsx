import { PageHeader } from '../components/Layout';
import { TaskInbox } from './tasks/TaskInbox';
import './workflow.css';

export function Tasks() {
  return (
    <>
      <PageHeader title="Tasks" />
      <TaskInbox />
    </>
  );
}

import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { AccountPage } from './pages/AccountPage';
import { Accounts } from './pages/Accounts';
import { Audit } from './pages/Audit';
import { Content } from './pages/Content';
import { Emails } from './pages/Emails';
import { Events } from './pages/Events';
import { Features } from './pages/Features';
import { Funnels } from './pages/Funnels';
import { Members } from './pages/Members';
import { Outcomes } from './pages/Outcomes';
import { Overview } from './pages/Overview';
import { Person } from './pages/Person';
import { Retention } from './pages/Retention';
import { Rules } from './pages/Rules';
import { SignIn } from './pages/SignIn';
import { Surveys } from './pages/Surveys';
import { Feedback } from './pages/Feedback';
import { Tasks } from './pages/Tasks';
import { AcceptInvite } from './pages/team/AcceptInvite';
import { ResetPassword } from './pages/team/ResetPassword';
import { Templates } from './pages/Templates';
import { useSession } from './session';

export function App() {
  const { current, ready } = useSession();
  if (!ready) return null;
  if (!current) {
    return (
      <Routes>
        <Route path="/invite" element={<AcceptInvite />} />
        <Route path="/reset-password" element={<ResetPassword />} />
        <Route path="*" element={<SignIn />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      <Route path="/invite" element={<AcceptInvite />} />
      <Route path="/reset-password" element={<ResetPassword />} />
      {/* Pages key on the project: switching projects starts each page afresh. */}
      <Route element={<Layout key={current.projectId} />}>
        <Route index element={<Overview />} />
        <Route path="accounts" element={<Accounts />} />
        <Route path="accounts/:accountId" element={<AccountPage />} />
        <Route path="tasks" element={<Tasks />} />
        <Route path="funnels" element={<Funnels />} />
        <Route path="retention" element={<Retention />} />
        <Route path="features" element={<Features />} />
        <Route path="surveys" element={<Surveys />} />
        <Route path="feedback" element={<Feedback />} />
        <Route path="rules" element={<Rules />} />
        <Route path="outcomes" element={<Outcomes />} />
        <Route path="content" element={<Content />} />
        <Route path="templates" element={<Templates />} />
        <Route path="emails" element={<Emails />} />
        <Route path="events" element={<Events />} />
        <Route path="members" element={<Members />} />
        <Route path="audit" element={<Audit />} />
        <Route path="people/:personId" element={<Person />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

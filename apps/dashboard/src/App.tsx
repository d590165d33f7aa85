import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { AccountPage } from './pages/AccountPage';
import { Accounts } from './pages/Accounts';
import { Content } from './pages/Content';
import { Emails } from './pages/Emails';
import { Events } from './pages/Events';
import { Features } from './pages/Features';
import { Funnels } from './pages/Funnels';
import { Overview } from './pages/Overview';
import { Retention } from './pages/Retention';
import { Rules } from './pages/Rules';
import { SignIn } from './pages/SignIn';
import { Tasks } from './pages/Tasks';
import { Templates } from './pages/Templates';
import { useSession } from './session';

export function App() {
  const { current } = useSession();
  if (!current) {
    return (
      <Routes>
        <Route path="*" element={<SignIn />} />
      </Routes>
    );
  }
  return (
    <Routes>
      <Route path="/sign-in" element={<SignIn />} />
      {/* Pages key on the project: switching projects starts each page afresh. */}
      <Route element={<Layout key={current.projectId} />}>
        <Route index element={<Overview />} />
        <Route path="accounts" element={<Accounts />} />
        <Route path="accounts/:accountId" element={<AccountPage />} />
        <Route path="tasks" element={<Tasks />} />
        <Route path="funnels" element={<Funnels />} />
        <Route path="retention" element={<Retention />} />
        <Route path="features" element={<Features />} />
        <Route path="rules" element={<Rules />} />
        <Route path="content" element={<Content />} />
        <Route path="templates" element={<Templates />} />
        <Route path="emails" element={<Emails />} />
        <Route path="events" element={<Events />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

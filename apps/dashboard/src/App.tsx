import { Navigate, Route, Routes } from 'react-router';
import { Layout } from './components/Layout';
import { lazyPage } from './lazy-page';
import { useSession } from './session';

// One chunk a page (lazyPage): a new page is one line here and one <Route> below.
const AccountPage = lazyPage(() => import('./pages/AccountPage'), 'AccountPage');
const Accounts = lazyPage(() => import('./pages/Accounts'), 'Accounts');
const Audit = lazyPage(() => import('./pages/Audit'), 'Audit');
const Cohorts = lazyPage(() => import('./pages/Cohorts'), 'Cohorts');
const Content = lazyPage(() => import('./pages/Content'), 'Content');
const Emails = lazyPage(() => import('./pages/Emails'), 'Emails');
const Events = lazyPage(() => import('./pages/Events'), 'Events');
const Features = lazyPage(() => import('./pages/Features'), 'Features');
const Funnels = lazyPage(() => import('./pages/Funnels'), 'Funnels');
const Members = lazyPage(() => import('./pages/Members'), 'Members');
const Outcomes = lazyPage(() => import('./pages/Outcomes'), 'Outcomes');
const Overview = lazyPage(() => import('./pages/Overview'), 'Overview');
const Person = lazyPage(() => import('./pages/Person'), 'Person');
const Retention = lazyPage(() => import('./pages/Retention'), 'Retention');
const Rules = lazyPage(() => import('./pages/Rules'), 'Rules');
const Settings = lazyPage(() => import('./pages/Settings'), 'Settings');
const SignIn = lazyPage(() => import('./pages/SignIn'), 'SignIn');
const Surveys = lazyPage(() => import('./pages/Surveys'), 'Surveys');
const Feedback = lazyPage(() => import('./pages/Feedback'), 'Feedback');
const Tasks = lazyPage(() => import('./pages/Tasks'), 'Tasks');
const AcceptInvite = lazyPage(() => import('./pages/team/AcceptInvite'), 'AcceptInvite');
const ResetPassword = lazyPage(() => import('./pages/team/ResetPassword'), 'ResetPassword');
const Templates = lazyPage(() => import('./pages/Templates'), 'Templates');

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
        <Route path="cohorts" element={<Cohorts />} />
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
        <Route path="settings" element={<Settings />} />
        <Route path="audit" element={<Audit />} />
        <Route path="people/:personId" element={<Person />} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Route>
    </Routes>
  );
}

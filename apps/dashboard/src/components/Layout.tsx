import { useEffect, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import { useSession } from '../session';
import { AtRiskLineProvider } from './at-risk-line';

export const NAV: { to: string; label: string }[] = [
  { to: '/', label: 'Overview' },
  { to: '/accounts', label: 'Accounts' },
  { to: '/tasks', label: 'Tasks' },
  { to: '/funnels', label: 'Funnels' },
  { to: '/retention', label: 'Retention' },
  { to: '/features', label: 'Features' },
  { to: '/cohorts', label: 'Cohorts' },
  { to: '/surveys', label: 'Surveys' },
  { to: '/feedback', label: 'Feedback' },
  { to: '/rules', label: 'Rules' },
  { to: '/outcomes', label: 'Outcomes' },
  { to: '/content', label: 'Training content' },
  { to: '/templates', label: 'Email templates' },
  { to: '/emails', label: 'Emails' },
  { to: '/events', label: 'Events' },
  { to: '/members', label: 'Members' },
  { to: '/settings', label: 'Settings' },
];

/** Pages only owners and admins see in the navigation. */
export const ADMIN_NAV: { to: string; label: string }[] = [{ to: '/audit', label: 'Audit log' }];

/** The frame of every signed-in page: navigation, project switcher, sign-out; a menu button on phones. */
export function Layout() {
  const { session, current, switchProject, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  if (!session || !current) return null;

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">Bindery</span>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
      </header>
      <nav id="nav" className={menuOpen ? 'sidebar open' : 'sidebar'} aria-label="Main">
        {/* The nav's box runs the page's height; its content stays in view as the page scrolls. */}
        <div className="sidebar-content">
          <span className="brand brand-wide">Bindery</span>
          <label className="project-switcher">
            <span>Project</span>
            <select aria-label="Project" value={current.projectId} onChange={(e) => switchProject(e.target.value)}>
              {session.projects.map((p) => (
                <option key={p.projectId} value={p.projectId}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <ul>
            {[...NAV, ...(current.role === 'owner' || current.role === 'admin' ? ADMIN_NAV : [])].map(
              (item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === '/'} onClick={() => setMenuOpen(false)}>
                    {item.label}
                  </NavLink>
                </li>
              ),
            )}
          </ul>
          <div className="sidebar-foot">
            <span className="muted" title={session.email}>
              {session.email} · {current.role}
            </span>
            <button type="button" className="link" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        </div>
      </nav>
      <main id="main" tabIndex={-1}>
        <AtRiskLineProvider>
          <Outlet />
        </AtRiskLineProvider>
      </main>
    </div>
  );
}

/** A page's title and the controls that go with it. */
export function PageHeader({ title, children }: { title: string; children?: React.ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Bindery`;
  }, [title]);
  return (
    <div className="page-header">
      <h1>{title}</h1>
      {children && <div className="page-actions">{children}</div>}
    </div>
  );
}

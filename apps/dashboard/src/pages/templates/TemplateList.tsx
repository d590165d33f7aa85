import type { EmailTemplate, Rule } from '@bindery/contracts';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { type Column, SortableTable } from '../../components/SortableTable';
import { formatDate } from '../../format';
import { ConfirmDelete, DeleteButton, useDeletion } from '../../components/ConfirmDelete';
import { rulesSending } from './template-preview';

/** The project's email templates, with the rules that send each. */
export function TemplateList({ templates, rules }: { templates: EmailTemplate[]; rules: Rule[] }) {
  const deletion = useDeletion<EmailTemplate>((t) => `email-templates/${t.id}`, ['email-templates']);
  const { ask } = deletion;
  const columns = useMemo<Column<EmailTemplate>[]>(
    () => [
      {
        key: 'name',
        header: 'Name',
        sortValue: (t) => t.name.toLowerCase(),
        render: (t) => <Link to={`?edit=${t.id}`}>{t.name}</Link>,
      },
      {
        key: 'subject',
        header: 'Subject',
        sortValue: (t) => t.subject.toLowerCase(),
        render: (t) => <code>{t.subject}</code>,
      },
      {
        key: 'usedBy',
        header: 'Sent by',
        sortValue: (t) => rulesSending(t.name, rules).length,
        render: (t) => <UsedBy rules={rulesSending(t.name, rules)} />,
      },
      {
        key: 'updated',
        header: 'Updated',
        sortValue: (t) => t.updatedAt,
        render: (t) => formatDate(t.updatedAt),
      },
      { key: 'delete', header: '', render: (t) => <DeleteButton name={t.name} onClick={() => ask(t)} /> },
    ],
    [rules, ask],
  );
  return (
    <div className="stack">
      <ConfirmDelete
        deletion={deletion}
        name={(t) => t.name}
        consequence={(t) => sendersWarning(rulesSending(t.name, rules).length)}
      />
      <SortableTable
        rows={templates}
        columns={columns}
        rowKey={(t) => t.id}
        initialSort={{ key: 'name', direction: 'asc' }}
        caption="Email templates"
      />
    </div>
  );
}

function UsedBy({ rules }: { rules: Rule[] }) {
  if (rules.length === 0) return <span className="muted">No rule</span>;
  return <span className="used-by">{rules.map((r) => r.name).join(', ')}</span>;
}

function sendersWarning(senders: number): string | undefined {
  if (senders === 0) return undefined;
  return `${senders} ${senders === 1 ? 'rule sends' : 'rules send'} it: their emails will be skipped.`;
}

import type {
  EmailTemplateList,
  Rule,
  RuleList as RuleListData,
  SavedFunnelList,
  TrainingContentList,
} from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { RuleEditor } from './rules/RuleEditor';
import { RuleList } from './rules/RuleList';
import { SkippedEmailsWarning } from './rules/SkippedEmailsWarning';
import { RunPanel, useRuleRun } from './rules/RunNow';
import { EditorNotFound, Notice } from '../components/Notice';
import { useEditorRoute } from '../components/use-editor-route';
import './editors.css';

/** Rules: the list, "Run now" with its result, and the editor (`?edit=<id>` or `?edit=new`). */
export function Rules() {
  const { editing, notice, open, closeWith } = useEditorRoute();
  const rules = useProjectGet<RuleListData>('rules');
  const funnels = useProjectGet<SavedFunnelList>('funnels');
  const templates = useProjectGet<EmailTemplateList>('email-templates');
  const content = useProjectGet<TrainingContentList>('training-content');
  const run = useRuleRun();

  const saved = (rule: Rule) => closeWith(`Saved “${rule.name}”.`);

  return (
    <>
      <PageHeader title="Rules">
        <button type="button" onClick={run.start} disabled={run.busy}>
          {run.busy ? 'Running…' : 'Run now'}
        </button>
        <button type="button" className="primary" onClick={() => open('new')}>
          New rule
        </button>
      </PageHeader>
      <div className="stack">
        <Notice text={notice} />
        <RunPanel run={run.run} error={run.error} rules={rules.data?.rules ?? []} onDismiss={run.dismiss} />
        {!editing && rules.data && funnels.data && content.data && (
          <SkippedEmailsWarning
            rules={rules.data.rules}
            funnels={funnels.data.funnels}
            content={content.data.content}
          />
        )}
        {editing ? (
          <EditRule id={editing} onSaved={saved} onCancel={() => open(null)} />
        ) : (
          <DataState
            query={rules}
            label="rules"
            minHeight={320}
            isEmpty={(d) => d.rules.length === 0}
            empty="No rule yet. A rule watches usage and opens tasks or sends training emails: create one."
          >
            {(d) => (
              <RuleList
                rules={d.rules}
                funnels={funnels.data?.funnels ?? []}
                templateNames={templates.data?.templates.map((t) => t.name) ?? null}
              />
            )}
          </DataState>
        )}
      </div>
    </>
  );
}

/** The editor once the rules, the funnels and the templates it offers are loaded. */
function EditRule({
  id,
  onSaved,
  onCancel,
}: {
  id: string;
  onSaved: (rule: Rule) => void;
  onCancel: () => void;
}) {
  const rules = useProjectGet<RuleListData>('rules');
  const funnels = useProjectGet<SavedFunnelList>('funnels');
  const templates = useProjectGet<EmailTemplateList>('email-templates');
  return (
    <DataState query={rules} label="the rule" minHeight={560}>
      {(r) => (
        <DataState query={funnels} label="funnels" minHeight={560}>
          {(f) => (
            <DataState query={templates} label="email templates" minHeight={560}>
              {(t) => {
                const rule = id === 'new' ? undefined : r.rules.find((x) => x.id === id);
                if (id !== 'new' && !rule) return <EditorNotFound what="rule" onBack={onCancel} />;
                return (
                  <RuleEditor
                    key={id}
                    rule={rule}
                    funnels={f.funnels}
                    templates={t.templates}
                    onSaved={onSaved}
                    onCancel={onCancel}
                  />
                );
              }}
            </DataState>
          )}
        </DataState>
      )}
    </DataState>
  );
}

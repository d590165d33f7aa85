import type {
  RuleList as RuleListData,
  SavedFunnelList,
  TrainingContent,
  TrainingContentList,
} from '@bindery/contracts';
import { useProjectGet } from '../api/hooks';
import { DataState } from '../components/DataState';
import { PageHeader } from '../components/Layout';
import { ContentEditor } from './content/ContentEditor';
import { ContentList } from './content/ContentList';
import { SkippedEmailsWarning } from './rules/SkippedEmailsWarning';
import { EditorNotFound, Notice } from '../components/Notice';
import { useEditorRoute } from '../components/use-editor-route';
import './editors.css';

/** Training content: what the training emails link to, per feature or funnel step (`?edit=<id>|new`). */
export function Content() {
  const { editing, notice, open, closeWith } = useEditorRoute();
  const content = useProjectGet<TrainingContentList>('training-content');
  const funnels = useProjectGet<SavedFunnelList>('funnels');
  const rules = useProjectGet<RuleListData>('rules');

  const saved = (entry: TrainingContent) => closeWith(`Saved “${entry.title}”.`);

  return (
    <>
      <PageHeader title="Training content">
        <button type="button" className="primary" onClick={() => open('new')}>
          New content
        </button>
      </PageHeader>
      <div className="stack">
        <Notice text={notice} />
        {!editing && rules.data && funnels.data && content.data && (
          <SkippedEmailsWarning
            rules={rules.data.rules}
            funnels={funnels.data.funnels}
            content={content.data.content}
          />
        )}
        {editing ? (
          <DataState query={content} label="the content" minHeight={480}>
            {(c) => (
              <DataState query={funnels} label="funnels" minHeight={480}>
                {(f) => {
                  const entry = editing === 'new' ? undefined : c.content.find((x) => x.id === editing);
                  if (editing !== 'new' && !entry)
                    return <EditorNotFound what="content" onBack={() => open(null)} />;
                  return (
                    <ContentEditor
                      key={editing}
                      content={entry}
                      funnels={f.funnels}
                      onSaved={saved}
                      onCancel={() => open(null)}
                    />
                  );
                }}
              </DataState>
            )}
          </DataState>
        ) : (
          <DataState
            query={content}
            label="training content"
            minHeight={240}
            isEmpty={(d) => d.content.length === 0}
            empty="No training content yet. Add a guide for a feature or a funnel step: training emails link to it."
          >
            {(d) => <ContentList content={d.content} funnels={funnels.data?.funnels ?? []} />}
          </DataState>
        )}
      </div>
    </>
  );
}

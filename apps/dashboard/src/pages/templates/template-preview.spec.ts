import type { Rule } from '@bindery/contracts';
import { DEFAULT_SAMPLE_USER, personLabel, previewBody, rulesSending, trialBody } from './template-preview';

const draft = { subject: 'Hi {{user.first_name}}', html: '<p>{{user.name}}</p>', text: 'Hi' };

describe('template preview', () => {
  it('asks for the draft as the sample user, leaving empty fields to the API’s sample', () => {
    expect(previewBody(draft, DEFAULT_SAMPLE_USER)).toEqual({
      ...draft,
      user: { first_name: 'Ann', name: 'Ann Lee', email: 'ann@example.com' },
    });
    expect(previewBody(draft, { first_name: ' Grace ', name: '', email: '' })).toEqual({
      ...draft,
      user: { first_name: 'Grace' },
    });
    expect(previewBody(draft, { first_name: '', name: '', email: '' })).toEqual(draft);
  });

  it('asks nothing while the subject, the HTML or the text is empty', () => {
    expect(previewBody({ ...draft, text: ' ' }, DEFAULT_SAMPLE_USER)).toBeNull();
    expect(previewBody({ ...draft, subject: '' }, DEFAULT_SAMPLE_USER)).toBeNull();
  });

  it('asks for the draft as a real person only once the person and the content are chosen', () => {
    expect(trialBody(draft, 'jun', 'export')).toEqual({ ...draft, personId: 'jun', contentKey: 'export' });
    expect(trialBody(draft, '', 'export')).toBeNull();
    expect(trialBody(draft, 'jun', '')).toBeNull();
    expect(trialBody({ ...draft, html: '' }, 'jun', 'export')).toBeNull();
  });

  it('names a person by their name or email trait beside their id', () => {
    expect(personLabel({ id: 'jun', traits: { name: 'Jun Li', email: 'jun@acme.example' } })).toBe(
      'Jun Li (jun)',
    );
    expect(personLabel({ id: 'jun', traits: { name: ' ', email: 'jun@acme.example' } })).toBe(
      'jun@acme.example (jun)',
    );
    expect(personLabel({ id: 'u-2', traits: { name: 42 } })).toBe('u-2');
  });

  it('finds the rules that send a template by its name', () => {
    const rules = [
      { name: 'A', actions: [{ kind: 'email', template: 'next-step' }] },
      { name: 'B', actions: [{ kind: 'task', severity: 'low' }] },
      { name: 'C', actions: [{ kind: 'notify_csm' }, { kind: 'email', template: 'come-back' }] },
    ] as Rule[];
    expect(rulesSending('next-step', rules).map((r) => r.name)).toEqual(['A']);
    expect(rulesSending('welcome', rules)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { questionFrom } from '../../../src/adapters/slack/question.js';

describe('questionFrom', () => {
  it('removes the bot mention and decodes what Slack escaped', () => {
    expect(questionFrom('<@U0MOEDEBOT> hvad med &lt;fysioterapi&gt; &amp; genoptræning?')).toBe(
      'hvad med <fysioterapi> & genoptræning?',
    );
  });

  it('keeps the labels of links and channels and drops special mentions', () => {
    expect(questionFrom('<!here> se <https://kl.dk/x|praksisplan> i <#C0GENERAL|general>')).toBe('se praksisplan i #general');
    expect(questionFrom('<https://kl.dk/x>')).toBe('https://kl.dk/x');
  });

  it('gives an empty question for a bare mention, so help is shown', () => {
    expect(questionFrom('<@U0MOEDEBOT>  ')).toBe('');
    expect(questionFrom(undefined)).toBe('');
  });
});

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_QUERY_GROUPS,
  MAX_QUERY_LENGTH,
  foldText,
  fts5Match,
  highlightHtml,
  indexableTerms,
  MAX_INDEXED_TERMS,
  MAX_TERM_LENGTH,
  parseQuery,
  snippetHtml,
  stripArabicArticle,
  textTerms,
  tsqueryLiteral,
  tsvectorLiteral,
  type QueryGroup,
} from './search-text.ts';

const termsOf = (text: string): string[] => textTerms(text).map((t) => t.term);

function groupsOf(input: string): readonly QueryGroup[] {
  const parsed = parseQuery(input);
  assert.equal(parsed.kind, 'terms', input);
  return parsed.kind === 'terms' ? parsed.groups : [];
}

describe('folding', () => {
  test('case and diacritics fold, in Latin and Cyrillic script', () => {
    assert.equal(foldText('Résiliation ÉLÈVE Ça'), 'resiliation eleve ca');
    assert.equal(foldText('Información Ñandú'), 'informacion nandu');
    assert.equal(foldText('ЁЛКА Потребитель'), 'елка потребитель');
  });

  test('compatibility forms fold to their letters', () => {
    assert.equal(foldText('ＳＩＭ'), 'sim');
    assert.equal(foldText('ﬁchier'), 'fichier');
  });

  test('Arabic loses its vowel marks and tatweel, and unifies alef, yeh, teh marbuta and digits', () => {
    assert.equal(foldText('الْمُسْتَهْلِك'), 'المستهلك');
    assert.equal(foldText('مـــستهلك'), 'مستهلك');
    assert.equal(foldText('أإآٱ'), 'اااا');
    assert.equal(foldText('على الشبكة'), 'علي الشبكه');
    assert.equal(foldText('٢٠٢٦ ۱۲'), '2026 12');
  });

  test('kana keep their voicing marks', () => {
    assert.equal(foldText('が'), 'が');
    assert.notEqual(foldText('が'), foldText('か'));
  });

  test('the Arabic definite article goes, alone or after a one-letter prefix, when two letters remain', () => {
    assert.equal(stripArabicArticle('المستهلك'), 'مستهلك');
    assert.equal(stripArabicArticle('للمستهلك'), 'مستهلك');
    assert.equal(stripArabicArticle('والمستهلك'), 'مستهلك');
    assert.equal(stripArabicArticle('بالهاتف'), 'هاتف');
    assert.equal(stripArabicArticle('الم'), 'الم');
    assert.equal(stripArabicArticle('alpha'), 'alpha');
  });
});

describe('terms', () => {
  test('words fold, with their place in the original text', () => {
    const text = "L'opérateur : résiliation!";
    assert.deepEqual(textTerms(text), [
      { term: 'l', start: 0, end: 1 },
      { term: 'operateur', start: 2, end: 11 },
      { term: 'resiliation', start: 14, end: 25 },
    ]);
  });

  test('المستهلك and مستهلك give one term', () => {
    assert.deepEqual(termsOf('حقوق المستهلك'), ['حقوق', 'مستهلك']);
    assert.deepEqual(termsOf('مستهلك'), ['مستهلك']);
  });

  test('Chinese and Japanese runs give overlapping pairs and their last character, and other scripts stay words', () => {
    assert.deepEqual(termsOf('消费者权益'), ['消费', '费者', '者权', '权益', '益']);
    assert.deepEqual(termsOf('5G网络'), ['5g', '网络', '络']);
    assert.deepEqual(termsOf('権'), ['権']);
    assert.deepEqual(termsOf('スマホを買う'), ['スマ', 'マホ', 'ホを', 'を買', '買う', 'う']);
  });

  test('a character outside the basic plane is one character', () => {
    const terms = textTerms('𠀀字');
    assert.deepEqual(
      terms.map((t) => t.term),
      ['𠀀字', '字'],
    );
    assert.deepEqual(terms[0], { term: '𠀀字', start: 0, end: 3 });
  });
});

describe('queries', () => {
  test('the four vectors of the issue read as the indexed text does', () => {
    assert.deepEqual(groupsOf('resiliation'), [{ terms: ['resiliation'], isPrefix: false }]);
    assert.deepEqual(groupsOf('Résiliation'), [{ terms: ['resiliation'], isPrefix: false }]);
    assert.deepEqual(groupsOf('المستهلك'), [{ terms: ['مستهلك'], isPrefix: false }]);
    assert.deepEqual(groupsOf('مستهلك'), [{ terms: ['مستهلك'], isPrefix: false }]);
    assert.deepEqual(groupsOf('权益'), [{ terms: ['权益'], isPrefix: false }]);
    assert.deepEqual(groupsOf('потребител*'), [{ terms: ['потребител'], isPrefix: true }]);
  });

  test('a longer Chinese run is the phrase of its pairs; one character is a prefix', () => {
    assert.deepEqual(groupsOf('消费者权益'), [{ terms: ['消费', '费者', '者权', '权益'], isPrefix: false }]);
    assert.deepEqual(groupsOf('权'), [{ terms: ['权'], isPrefix: true }]);
  });

  test('a one-letter prefix is a word; words asked twice count once', () => {
    assert.deepEqual(groupsOf('a* sim SIM'), [
      { terms: ['a'], isPrefix: false },
      { terms: ['sim'], isPrefix: false },
    ]);
  });

  test("either database's syntax is only a separator", () => {
    assert.deepEqual(groupsOf('"sim" OR (swap) NEAR/2 -fraud: ^x\'y & !z | a<->b'), [
      { terms: ['sim'], isPrefix: false },
      { terms: ['or'], isPrefix: false },
      { terms: ['swap'], isPrefix: false },
      { terms: ['near'], isPrefix: false },
      { terms: ['2'], isPrefix: false },
      { terms: ['fraud'], isPrefix: false },
      { terms: ['x'], isPrefix: false },
      { terms: ['y'], isPrefix: false },
      { terms: ['z'], isPrefix: false },
      { terms: ['a'], isPrefix: false },
      { terms: ['b'], isPrefix: false },
    ]);
  });

  test('nothing to search for, and too long, are answers of their own', () => {
    assert.deepEqual(parseQuery(''), { kind: 'empty' });
    assert.deepEqual(parseQuery(' "*" -- () ; '), { kind: 'empty' });
    assert.deepEqual(parseQuery('x'.repeat(MAX_QUERY_LENGTH + 1)), { kind: 'too-long', maxLength: MAX_QUERY_LENGTH, maxGroups: MAX_QUERY_GROUPS });
    assert.equal(parseQuery(Array.from({ length: MAX_QUERY_GROUPS + 1 }, (_, i) => `w${i}`).join(' ')).kind, 'too-long');
    assert.equal(parseQuery('x'.repeat(MAX_QUERY_LENGTH)).kind, 'terms');
  });

  test('the FTS5 expression quotes every group and requires all of them', () => {
    assert.equal(fts5Match(groupsOf('потребител* 消费者 sim')), '"потребител"* AND "消费 费者" AND "sim"');
  });

  test('the tsquery literal quotes every lexeme, chains phrases and marks prefixes', () => {
    assert.equal(tsqueryLiteral(groupsOf('потребител* 消费者 sim')), "'потребител':* & ('消费' <-> '费者') & 'sim'");
  });

  test('the tsvector literal weights the title and keeps every position', () => {
    assert.equal(tsvectorLiteral(['sim', 'swap'], ['swap', 'fraud', 'sim']), "'sim':1A,5 'swap':2A,3 'fraud':4");
  });
});

describe('what is indexed', () => {
  test('terms longer than the limit are left out, the rest kept in order', () => {
    const long = 'x'.repeat(MAX_TERM_LENGTH + 1);
    assert.deepEqual(indexableTerms(['sim', long], ['swap', long, 'y'.repeat(MAX_TERM_LENGTH)]), {
      title: ['sim'],
      body: ['swap', 'y'.repeat(MAX_TERM_LENGTH)],
    });
  });

  test('a very long document keeps its first terms, within the count and the distinct bytes PostgreSQL holds', () => {
    const repeated = indexableTerms(
      ['t'],
      Array.from({ length: MAX_INDEXED_TERMS + 10 }, () => 'same'),
    );
    assert.equal(repeated.title.length + repeated.body.length, MAX_INDEXED_TERMS);
    // 20,000 distinct words of 50 Cyrillic letters: 2 MB, over PostgreSQL's 1 MiB of lexemes.
    const distinct = Array.from({ length: 20_000 }, (_, i) => `${'ж'.repeat(45)}${String(i).padStart(5, '0')}`);
    const kept = indexableTerms([], distinct).body;
    assert.ok(kept.length > 8000 && kept.length < 10_000, String(kept.length));
    assert.deepEqual(kept.slice(0, 2), distinct.slice(0, 2));
  });
});

describe('highlighting', () => {
  test('matches are marked in the original text, with its accents and article', () => {
    assert.equal(highlightHtml('La résiliation du contrat', groupsOf('resiliation')), 'La <mark>résiliation</mark> du contrat');
    assert.equal(highlightHtml('حقوق المستهلك', groupsOf('مستهلك')), 'حقوق <mark>المستهلك</mark>');
    assert.equal(highlightHtml('Права потребителей', groupsOf('потребител*')), 'Права <mark>потребителей</mark>');
    assert.equal(highlightHtml('保护消费者权益指南', groupsOf('权益')), '保护消费者<mark>权益</mark>指南');
    assert.equal(highlightHtml('保护消费者权益', groupsOf('消费者')), '保护<mark>消费者</mark>权益');
  });

  test('text is escaped around and inside the marks', () => {
    assert.equal(highlightHtml('<b>SIM</b> & "swap"', groupsOf('sim swap')), '&#60;b&#62;<mark>SIM</mark>&#60;/b&#62; &#38; &#34;<mark>swap</mark>&#34;');
  });

  test('a long text gives a passage around its first match, cut at spaces', () => {
    const text = `${'word '.repeat(100)}the résiliation clause ${'tail '.repeat(100)}`;
    const snippet = snippetHtml(text, groupsOf('resiliation'));
    assert.match(snippet, /^… (word )+the <mark>résiliation<\/mark> clause (tail )+…$/);
    assert.ok(snippet.length < 260);
  });

  test('a short text is whole, and a text without a match gives its beginning', () => {
    assert.equal(snippetHtml('Short  text\nhere', groupsOf('text')), 'Short <mark>text</mark> here');
    assert.match(snippetHtml('alpha '.repeat(100), groupsOf('zzz')), /^alpha (alpha )+…$/);
  });

  test('a long text without spaces is cut without splitting a match', () => {
    const text = `${'前'.repeat(300)}消费者权益${'后'.repeat(300)}`;
    const snippet = snippetHtml(text, groupsOf('权益'));
    assert.match(snippet, /^… 前+消费者<mark>权益<\/mark>后+ …$/);
  });
});

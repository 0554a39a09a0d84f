// node:test registers suites and tests synchronously; the promises describe/it return belong to
// the runner, which awaits them itself.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDates, isValidDate, releaseDate, weekdayIndex, weekdayOf, WEEKDAY_NAMES } from '../../server/src/core/dates';
import type { DateMention } from '../../server/src/core/model';

/** Runs the recogniser over a whole text as release 0. */
function dates(text: string, fallbackYear?: number | null): DateMention[] {
  return findDates(text, { index: 0, span: { start: 0, end: text.length } }, { fallbackYear });
}

/** The dates of a text as [text, value] pairs, the shape most tests compare. */
function pairs(text: string, fallbackYear?: number | null): [string, string | null][] {
  return dates(text, fallbackYear).map((d) => [d.text, d.value]);
}

function slice(text: string, span: { start: number; end: number } | undefined): string | undefined {
  return span === undefined ? undefined : text.slice(span.start, span.end);
}

describe('weekdayOf and isValidDate', () => {
  it('knows some weekdays', () => {
    assert.equal(weekdayOf(2025, 3, 19), 3, '19 March 2025 is a Wednesday');
    assert.equal(weekdayOf(2024, 10, 18), 5, '18 October 2024 is a Friday');
    assert.equal(weekdayOf(2000, 2, 29), 2, '29 February 2000 is a Tuesday');
    assert.equal(weekdayOf(1970, 1, 1), 4);
    assert.equal(weekdayOf(1600, 3, 1), 3);
  });

  it('agrees with Date.UTC for every day of 1899–2101', () => {
    const t0 = Date.UTC(1899, 0, 1);
    for (let day = 0; day < 365 * 203; day++) {
      const d = new Date(t0 + day * 86400000);
      const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
      assert.equal(weekdayOf(y, m, dd), d.getUTCDay(), `${y}-${m}-${dd}`);
      assert.ok(isValidDate(y, m, dd), `${y}-${m}-${dd} is valid`);
    }
  });

  it('rolls an overflowing day into the next month', () => {
    assert.equal(weekdayOf(2025, 4, 31), weekdayOf(2025, 5, 1));
    assert.equal(weekdayOf(2024, 13, 1), weekdayOf(2025, 1, 1));
  });

  it('tells impossible dates', () => {
    assert.equal(isValidDate(2025, 4, 31), false);
    assert.equal(isValidDate(2025, 2, 29), false);
    assert.equal(isValidDate(2024, 2, 29), true);
    assert.equal(isValidDate(1900, 2, 29), false);
    assert.equal(isValidDate(2000, 2, 29), true);
    assert.equal(isValidDate(2025, 13, 1), false);
    assert.equal(isValidDate(2025, 0, 1), false);
    assert.equal(isValidDate(2025, 1, 0), false);
    assert.equal(isValidDate(2025, 1.5, 1), false);
  });

  it('maps weekday names both ways', () => {
    assert.equal(WEEKDAY_NAMES[3], 'Wednesday');
    assert.equal(weekdayIndex('Thu.'), 4);
    assert.equal(weekdayIndex('SATURDAY'), 6);
    assert.equal(weekdayIndex('Someday'), -1);
  });
});

describe('single dates', () => {
  it('finds a weekday-led day month year, without the leading "On"', () => {
    const text = 'On Wednesday, 19 March 2025, the NATO Secretary General will meet him.';
    const [d] = dates(text);
    assert.equal(d.text, 'Wednesday, 19 March 2025');
    assert.equal(d.value, '2025-03-19');
    assert.equal(d.weekday, 'Wednesday');
    assert.equal(slice(text, d.weekdaySpan), 'Wednesday');
    assert.deepEqual(d.start, { year: 2025, month: 3, day: 19 });
    assert.equal(d.end, undefined);
    assert.equal(d.yearInferred, false);
    assert.equal(d.release, 0);
  });

  it('reads day-first dates with and without year, ordinal and "of"', () => {
    assert.deepEqual(pairs('Brussels, NATO HQ, 18 March 2025 – Led by the Chair.'), [['18 March 2025', '2025-03-18']]);
    assert.deepEqual(pairs('In 2025 it met. On Wednesday 26th March, the Committee visited.'), [
      ['2025', '2025'],
      ['Wednesday 26th March', '2025-03-26'],
    ]);
    assert.deepEqual(pairs('Held on the 5th of May 2025.'), [['5th of May 2025', '2025-05-05']]);
    assert.deepEqual(pairs('On 3 February, leaders met.', 2025), [['3 February', '2025-02-03']]);
  });

  it('reads month-first dates', () => {
    assert.deepEqual(pairs('He will be back in New York on February 17, 2025.'), [['February 17, 2025', '2025-02-17']]);
    assert.deepEqual(pairs('New York, March 19, 2025 — The Secretary-General'), [['March 19, 2025', '2025-03-19']]);
    assert.deepEqual(pairs('April 26, 2024. He met Wang Yi in Beijing on Friday, April 26.'), [
      ['April 26, 2024', '2024-04-26'],
      ['Friday, April 26', '2024-04-26'],
    ]);
  });

  it('reads a day-first date with a comma before the year, whatever other years the release names', () => {
    assert.deepEqual(pairs('Signed at Lagos\n28th May, 2025'), [['28th May, 2025', '2025-05-28']]);
    assert.deepEqual(pairs('the Treaty of Lagos was signed on 28 May 1975.\n\nSpokesperson\n28th May, 2025\n'), [
      ['28 May 1975', '1975-05-28'],
      ['28th May, 2025', '2025-05-28'],
    ]);
    assert.deepEqual(pairs('On 3 March, 2025 ended.'), [['3 March, 2025', '2025-03-03']]);
  });

  it('keeps a weekday in brackets with its date', () => {
    const text = 'Mark Rutte travelled to Herstal, Belgium on Thursday (27 March 2025) for a meeting.';
    const [d] = dates(text);
    assert.equal(d.text, 'Thursday (27 March 2025)');
    assert.equal(d.value, '2025-03-27');
    assert.equal(d.weekday, 'Thursday');
    assert.equal(slice(text, d.weekdaySpan), 'Thursday');
    const after = 'They met on 27 March 2025 (Thursday) in Herstal.';
    const [e] = dates(after);
    assert.equal(e.text, '27 March 2025 (Thursday)');
    assert.equal(slice(after, e.weekdaySpan), 'Thursday');
  });

  it('reads abbreviations and capitals, and gives the weekday its full name', () => {
    const text = 'Thu. 20 Mar. 2025 and 19 MARCH 2025 and Sept 3, 2024';
    const found = dates(text);
    assert.deepEqual(found.map((d) => d.value), ['2025-03-20', '2025-03-19', '2024-09-03']);
    assert.equal(found[0].weekday, 'Thursday');
    assert.equal(slice(text, found[0].weekdaySpan), 'Thu');
  });

  it('keeps an impossible date as written', () => {
    assert.deepEqual(pairs('On 31 April 2025, the Committee met.'), [['31 April 2025', '2025-04-31']]);
    assert.deepEqual(pairs('On 29 February 2025 nothing happened.'), [['29 February 2025', '2025-02-29']]);
    assert.deepEqual(pairs('On 1 June 2025 and 9 June 2025.').map((p) => p[1]), ['2025-06-01', '2025-06-09']);
  });

  it('keeps a wrong weekday as written, for the check to flag', () => {
    const text = 'On Friday, 8 May 2025, she visited Podgorica.';
    const [d] = dates(text);
    assert.equal(d.value, '2025-05-08');
    assert.equal(d.weekday, 'Friday');
    assert.notEqual(weekdayOf(d.start.year!, d.start.month!, d.start.day!), weekdayIndex(d.weekday!));
  });
});

describe('ranges', () => {
  const cases: [string, string, string][] = [
    ['From 26 to 28 March, the Committee visited Sweden. On 1 March 2025 it met.', '26 to 28 March', '2025-03-26/2025-03-28'],
    ['Leaders will meet on 20-21 March 2025.', '20-21 March 2025', '2025-03-20/2025-03-21'],
    ['Leaders will meet on 20–21 March 2025.', '20–21 March 2025', '2025-03-20/2025-03-21'],
    ['The Summit, on 24 and 25 June 2025.', '24 and 25 June 2025', '2025-06-24/2025-06-25'],
    ['In Berlin on 11 and 12 June 2024.', '11 and 12 June 2024', '2024-06-11/2024-06-12'],
    ['In Seville from 30 June to 3 July 2025.', '30 June to 3 July 2025', '2025-06-30/2025-07-03'],
    ['In Geneva from 24 to 26 February 2025.', '24 to 26 February 2025', '2025-02-24/2025-02-26'],
    ['Leaders will meet again on 26-27 June 2025.', '26-27 June 2025', '2025-06-26/2025-06-27'],
    ['On 10 and 11 March 2025, he visited Sarajevo.', '10 and 11 March 2025', '2025-03-10/2025-03-11'],
    ['Talks on 28 December 2024 to 3 January 2025.', '28 December 2024 to 3 January 2025', '2024-12-28/2025-01-03'],
    ['Talks from 28 December to 3 January 2026.', '28 December to 3 January 2026', '2025-12-28/2026-01-03'],
    ['The conference runs March 20-21, 2025 in Brussels.', 'March 20-21, 2025', '2025-03-20/2025-03-21'],
    ['Open from January to March 2025.', 'January to March 2025', '2025-01/2025-03'],
    ['In Helsinki on 31 July and 1 August 2025.', '31 July and 1 August 2025', '2025-07-31/2025-08-01'],
    ['Talks on 31 December and 1 January 2026.', '31 December and 1 January 2026', '2025-12-31/2026-01-01'],
    ['Talks on 28 February and 1 March 2025.', '28 February and 1 March 2025', '2025-02-28/2025-03-01'],
    ['Talks on 29 February and 1 March 2024.', '29 February and 1 March 2024', '2024-02-29/2024-03-01'],
  ];
  for (const [text, span, value] of cases) {
    it(`reads "${span}"`, () => {
      const [d] = dates(text);
      assert.equal(d.text, span);
      assert.equal(d.value, value);
      assert.ok(d.end, 'a range has an end');
    });
  }

  it('keeps a reversed range in its order, without the leading "From"', () => {
    const [d] = dates('From 28 to 26 May 2025, the Chair visited Finland.');
    assert.equal(d.text, '28 to 26 May 2025');
    assert.equal(d.value, '2025-05-28/2025-05-26');
    assert.deepEqual(d.start, { year: 2025, month: 5, day: 28 });
    assert.deepEqual(d.end, { year: 2025, month: 5, day: 26 });
  });

  it('records both weekdays of "Thursday 13 and Friday 14 March [2025]"', () => {
    const text = 'On Thursday 13 and Friday 14 March [2025] NATO Secretary General Mark Rutte visited Washington DC.';
    const [d] = dates(text);
    assert.equal(d.text, 'Thursday 13 and Friday 14 March [2025]');
    assert.equal(d.value, '2025-03-13/2025-03-14');
    assert.equal(d.weekday, 'Thursday');
    assert.equal(d.endWeekday, 'Friday');
    assert.equal(slice(text, d.weekdaySpan), 'Thursday');
    assert.equal(slice(text, d.endWeekdaySpan), 'Friday');
    assert.equal(d.yearInferred, false, 'a bracketed year is written');
  });

  it('does not join two listed dates into a range', () => {
    assert.deepEqual(pairs('They met on 3 February and 4 March 2025.'), [
      ['3 February', '2025-02-03'],
      ['4 March 2025', '2025-03-04'],
    ]);
    // "and" joins two months only where the second day follows the first.
    assert.deepEqual(pairs('They met on 30 June and 2 July 2025.'), [
      ['30 June', '2025-06-30'],
      ['2 July 2025', '2025-07-02'],
    ]);
    assert.deepEqual(pairs('They met on 28 February and 1 March 2024.'), [
      ['28 February', '2024-02-28'],
      ['1 March 2024', '2024-03-01'],
    ]);
  });
});

describe('months and years', () => {
  it('reads a month with its year, leaving out "this"', () => {
    assert.deepEqual(pairs('another session, in Brussels, this May 2025.'), [['May 2025', '2025-05']]);
    assert.deepEqual(pairs('since the country joined the Alliance in April 2023.'), [['April 2023', '2023-04']]);
    assert.deepEqual(pairs('by mid-March 2025'), [['March 2025', '2025-03']]);
  });

  it('reads a month alone after a cue, with the year from the release', () => {
    assert.deepEqual(pairs('Brussels, 18 March 2025 – Following their last meeting in January, the Chiefs met.'), [
      ['18 March 2025', '2025-03-18'],
      ['January', '2025-01'],
    ]);
    assert.deepEqual(pairs('On 10 September 2024 they agreed to meet in New Delhi in October.').map((p) => p[1]), [
      '2024-09-10',
      '2024-10',
    ]);
    assert.deepEqual(pairs('Talks were held in January and March.', 2025), [
      ['January', '2025-01'],
      ['March', '2025-03'],
    ]);
    assert.deepEqual(pairs('Expected by early May.', 2025), [['May', '2025-05']]);
    assert.deepEqual(pairs('Updated: 2025-02-10\n\nAs President of the Council for February, China will act.'), [
      ['2025-02-10', '2025-02-10'],
      ['February', '2025-02'],
    ]);
    assert.deepEqual(pairs('Work for May’s government and for May we thank you.', 2025), [['May', '2025-05']]);
  });

  it('does not take "May" the verb, "May" the name or "March" the noun for dates', () => {
    assert.deepEqual(pairs('May we thank the hosts. Theresa May spoke. The March on Washington was long.', 2025), []);
    assert.deepEqual(pairs('Ministers may meet. They March 2 abreast.'.replace('March 2', 'march 2'), 2025), []);
    assert.deepEqual(pairs('In May’s government there were doubts.', 2025), []);
    assert.deepEqual(pairs('It was settled in the end. March followed, then May.', 2025), []);
  });

  it('reads standalone years and spans of years', () => {
    assert.deepEqual(pairs('He made it clear that “this is not 1992” and that NATO is present.'), [['1992', '1992']]);
    assert.deepEqual(pairs('than when you came in office in 2016/2017. But'), [['2016/2017', '2016/2017']]);
    assert.deepEqual(pairs('in the 2024-25 season'), [['2024-25', '2024/2025']]);
    assert.deepEqual(pairs('ever since it joined the Alliance in 2017,” she said.'), [['2017', '2017']]);
    assert.deepEqual(pairs('to spend 5 and 6 percent of GDP on defence from 2026.'), [['2026', '2026']]);
    assert.deepEqual(pairs('In Q1 2025 growth was 0.4%.'), [['2025', '2025']]);
  });

  it('reads two years joined by a word as one span, leaving out "from" and "between"', () => {
    assert.deepEqual(pairs('who served as Assistant Secretary General from 2005 to 2015, will lead'), [
      ['2005 to 2015', '2005/2015'],
    ]);
    assert.deepEqual(pairs('between 2016 and 2020; the plan runs 2021 through 2025.'), [
      ['2016 and 2020', '2016/2020'],
      ['2021 through 2025', '2021/2025'],
    ]);
    // "and" without "between" lists two years; a count after the second year makes it no year.
    assert.deepEqual(pairs('in 2005 and 2015 he won.'), [
      ['2005', '2005'],
      ['2015', '2015'],
    ]);
    assert.deepEqual(pairs('numbers rose from 1990 to 2000 troops.'), [['1990', '1990']]);
  });

  it('leaves numbers that are not years alone', () => {
    const text = [
      'the country became the 32nd member of the NATO Alliance with all 32 Allies.',
      'Trump 45 you basically. But that was Trump 45. Trump 47 happened.',
      'we are spending 700 billion more; a package of 800 billion; nearly €2.5 billion.',
      'set to reach 4.7% of GDP this year; 2025% is not a year; 2000 troops; 1999 million.',
      'at 10:30 and at 2000 hours; call +32 2 707 2000; Agenda 2030; Resolution 2025; 1,992 people.',
      'the 18th Armoured Regiment; £600 million; more than 40 European leaders; 26 heads of state.',
      'in the 1990s; in 2020s; COVID-19; G7; Article 5; 12345; 20251; ref 2025-3; 2024-99; 2025/7; No. 2025.',
    ].join('\n');
    assert.deepEqual(pairs(text), []);
  });

  it('does not annotate relative phrases', () => {
    assert.deepEqual(
      pairs('They met today. Last week and this year, a couple of weeks ago, next month, yesterday and tomorrow.', 2025),
      [],
    );
  });
});

describe('numeric dates', () => {
  it('reads slash dates day first', () => {
    assert.deepEqual(pairs('Press office | 03/02/2025'), [['03/02/2025', '2025-02-03']]);
    assert.deepEqual(pairs('Published 19/03/2025 – EEAS Press Team'), [['19/03/2025', '2025-03-19']]);
  });
  it('reads a slash date month first only where day first is impossible', () => {
    assert.deepEqual(pairs('Issued 03/19/2025.'), [['03/19/2025', '2025-03-19']]);
  });
  it('reads dotted and ISO dates', () => {
    assert.deepEqual(pairs('Stand: 19.03.2025'), [['19.03.2025', '2025-03-19']]);
    assert.deepEqual(pairs('date: 2025-03-19, updated 2025-03-20T10:00Z'), [
      ['2025-03-19', '2025-03-19'],
      ['2025-03-20', '2025-03-20'],
    ]);
  });
  it('leaves version numbers and impossible numerics alone', () => {
    assert.deepEqual(pairs('version 1.2.3; 45/45/2025; 2025-13-45'), []);
  });
});

describe('bare weekdays', () => {
  it('resolves a bare weekday near an anchor that is only a date the release names', () => {
    // No dateline: the anchor is an event, and the weekday is the one within three days of it.
    assert.deepEqual(
      pairs('On Thursday 13 and Friday 14 March [2025] he visited.\nOn Thursday, he met the President.').map((p) => p[1]),
      ['2025-03-13/2025-03-14', '2025-03-13'],
    );
    assert.deepEqual(pairs('He will be in Geneva from 24 to 26 February 2025.\n\nOn Monday, he will speak.')[1], [
      'Monday',
      '2025-02-24',
    ]);
    assert.deepEqual(pairs('in Berlin on 11 and 12 June 2024. They opened it on Tuesday, together.')[1], [
      'Tuesday',
      '2024-06-11',
    ]);
    assert.deepEqual(
      pairs('The Pope will take part on Friday, 14 June 2024. Bruni will brief journalists on Wednesday, two days before.')[1],
      ['Wednesday', '2024-06-12'],
    );
    assert.deepEqual(pairs('The summit is on 24 and 25 June 2025. On Friday, the leaders will travel home.')[1], [
      'Friday',
      '2025-06-27',
    ]);
  });

  it('resolves a bare weekday from a dateline by the tense of its sentence', () => {
    const at = (body: string): string | null => {
      const found = pairs(`London, 18 October 2024 – ${body}`); // a Friday
      return found[found.length - 1][1];
    };
    // The future: the first such day after the dateline; its own day would be "today".
    assert.equal(at('On Saturday, the Foreign Secretary will travel to Shanghai.'), '2024-10-19');
    assert.equal(at('On Friday, the Minister will launch the talks.'), '2024-10-25');
    assert.equal(at('The talks are to be held on Friday.'), '2024-10-25');
    assert.equal(at('The Minister is expected to arrive on Friday.'), '2024-10-25');
    assert.equal(at('The Minister is due to speak on Monday.'), '2024-10-21');
    // The past: the latest such day on or before it.
    assert.equal(at('On Sunday, the President said that he would announce tariffs.'), '2024-10-13');
    assert.equal(at('President Biden recalled his visit to Manaus on Sunday, the first by a President.'), '2024-10-13');
    assert.equal(at('The Minister opened the conference on Friday.'), '2024-10-18');
    assert.equal(at('On Wednesday, ministers discussed Ukraine over a working dinner.'), '2024-10-16');
    assert.equal(at('On Saturday, the President was accorded a ceremonial welcome.'), '2024-10-12');
    assert.equal(at('The visit came days after the talks held in Muscat on Saturday.'), '2024-10-12');
    assert.equal(at('The two have met twice, and have spoken on Tuesday.'), '2024-10-15');
    assert.equal(at('Fighting has gone on since Monday.'), '2024-10-14');
    // No cue: the first such day on or after it.
    assert.equal(at('The conference, which begins on Friday, is open to the press.'), '2024-10-18');
    assert.equal(at('The conference begins on Thursday.'), '2024-10-24');
  });

  it('reads the tense of the weekday’s own sentence and clause, nearest cue first', () => {
    const text =
      'London, 18 October 2024 – The Minister met Mr. Smith and H.E. Mr. Jones in Brussels on Monday. ' +
      'Mrs Jones will visit Berlin on Monday; the Minister said the talks will resume on Tuesday. ' +
      'On Tuesday, she announced that she will travel to Kyiv on Thursday.\n\nOn Thursday, the talks resume.';
    assert.deepEqual(pairs(text).slice(1), [
      ['Monday', '2024-10-14'],
      ['Monday', '2024-10-21'],
      ['Tuesday', '2024-10-22'],
      ['Tuesday', '2024-10-15'],
      ['Thursday', '2024-10-24'],
      ['Thursday', '2024-10-24'],
    ]);
    // Hard-wrapped lines keep one sentence; "May" the month and adjectives in -ed are no cue.
    assert.deepEqual(pairs('London, 18 October 2024 – The Minister\nwill open the\ntalks on Friday.').map((p) => p[1]), [
      '2024-10-18',
      '2024-10-25',
    ]);
    assert.equal(pairs('London, 18 October 2024 – Talks in May and on Friday bring enhanced cooperation.')[2][1], '2024-10-18');
  });

  it('gives a bare weekday its weekday and span, and marks its year inferred', () => {
    const text = 'Published 18 October 2024. On Saturday he travels.';
    const d = dates(text)[1];
    assert.equal(d.weekday, 'Saturday');
    assert.equal(slice(text, d.weekdaySpan), 'Saturday');
    assert.equal(d.yearInferred, true);
    assert.deepEqual(d.start, { year: 2024, month: 10, day: 19 });
  });

  it('leaves out a bare weekday that nothing fixes, or that is no date', () => {
    assert.deepEqual(pairs('On Monday, the Secretary-General will speak.'), []);
    assert.deepEqual(pairs('On Monday, the Secretary-General will speak.', 2025), [], 'a year alone fixes no day');
    assert.deepEqual(
      pairs('On 17 March 2025 they met. Black Friday sales; Monday’s meeting; last Friday; every Tuesday; Mondays.').map((p) => p[0]),
      ['17 March 2025'],
    );
  });
});

describe('year resolution', () => {
  it('prefers the nearest full date before, else one after', () => {
    assert.deepEqual(pairs('On 5 January 2024 and 3 March. On 2 February 2025 and 4 April.').map((p) => p[1]), [
      '2024-01-05',
      '2024-03-03',
      '2025-02-02',
      '2025-04-04',
    ]);
    assert.deepEqual(pairs('NEW YORK, 19 March (UN) — since 18 March … on 19 January 2025.').map((p) => p[1]), [
      '2025-03-19',
      '2025-03-18',
      '2025-01-19',
    ]);
  });

  it('lets a date’s own weekday pick its year', () => {
    // 26 March was a Tuesday in 2024 and is a Wednesday in 2025.
    const found = dates('From 26 to 28 March, the Committee visited, since March 2024. On Wednesday 26th March, it met.');
    assert.deepEqual(found.map((d) => [d.text, d.value]), [
      ['26 to 28 March', '2025-03-26/2025-03-28'],
      ['March 2024', '2024-03'],
      ['Wednesday 26th March', '2025-03-26'],
    ]);
    assert.equal(found[0].yearInferred, true);
    assert.equal(found[2].yearInferred, true);
  });

  it('uses the fallback year, else gives no value', () => {
    const [d] = dates('On 3 February, the leaders met.', 2025);
    assert.equal(d.value, '2025-02-03');
    assert.equal(d.yearInferred, true);
    const [e] = dates('On 3 February, the leaders met.');
    assert.equal(e.value, null);
    assert.deepEqual(e.start, { year: null, month: 2, day: 3 });
    assert.equal(e.yearInferred, false);
    assert.deepEqual(pairs('On 3 to 5 February, in January.'), [
      ['3 to 5 February', null],
      ['January', null],
    ]);
  });

  it('takes the year from a weekday alone where the fallback year is one off', () => {
    // Saturday, 15 February is 2025, not 2024.
    assert.deepEqual(pairs('On Saturday, 15 February, he spoke.', 2024), [['Saturday, 15 February', '2025-02-15']]);
  });
});

describe('text shapes', () => {
  it('handles CRLF line ends and never spans a line break', () => {
    const text = 'Title\r\n\r\nOn Monday, 17 March 2025, they met.\r\nOn 19 March\r\n2025 was busy.\r\n';
    const found = dates(text);
    assert.deepEqual(found.map((d) => d.text), ['Monday, 17 March 2025', '19 March', '2025']);
    for (const d of found) assert.equal(text.slice(d.span.start, d.span.end), d.text);
    assert.equal(found[1].value, '2025-03-19');
  });

  it('handles lone CR line ends and counts offsets in UTF-16 code units', () => {
    const text = 'Title 🇪🇺\r\rOn 👋 Monday, 17 March 2025, they met.\rOn 18\rMarch.';
    const found = dates(text);
    assert.deepEqual(found.map((d) => d.text), ['Monday, 17 March 2025']);
    assert.equal(found[0].span.start, text.indexOf('Monday'));
    assert.equal(slice(text, found[0].weekdaySpan), 'Monday');
  });

  it('handles non-breaking and other Unicode spaces between words', () => {
    const text = 'On\u00a0Wednesday,\u00a019\u00a0March\u00a02025 and 20\u202fMarch 2025.\u00a0On\u00a0Friday he left.';
    assert.deepEqual(pairs(text), [
      ['Wednesday,\u00a019\u00a0March\u00a02025', '2025-03-19'],
      ['20\u202fMarch 2025', '2025-03-20'],
      ['Friday', '2025-03-21'],
    ]);
  });

  it('scans only the release, with absolute offsets and its index', () => {
    const text = 'First\n\n1 May 2025.\nSecond\n\nOn 2 June, talks.\nThird\n\n3 July 2025.';
    const start = text.indexOf('Second');
    const end = text.indexOf('Third');
    const found = findDates(text, { index: 1, span: { start, end } }, { fallbackYear: 2024 });
    assert.equal(found.length, 1);
    assert.equal(found[0].text, '2 June');
    assert.equal(found[0].span.start, text.indexOf('2 June'));
    assert.equal(found[0].release, 1);
    assert.equal(found[0].value, '2024-06-02', 'the neighbouring releases are not context');
  });

  it('does not backtrack badly on long runs of near-dates', () => {
    const chunks = [
      '1 and 2 and 3 and 4 to 5 - 6 ',
      'March March May May in in ',
      'Monday Monday, Tuesday ( 12 ',
      '2025/ 2025- 2025 - 12/12/ ',
      '11 11 11 11 11 11 11 11 ',
    ];
    for (const chunk of chunks) {
      const text = chunk.repeat(20000);
      const t0 = performance.now();
      dates(text, 2025);
      const ms = performance.now() - t0;
      // A guard against runaway backtracking (which takes minutes), not a speed test: the
      // bound is far above normal time (tens of ms) so that a loaded machine cannot trip it.
      assert.ok(ms < 15000, `${JSON.stringify(chunk)} took ${ms.toFixed(0)} ms`);
    }
  });

  it('stays cheap when called on many small spans of a long text', () => {
    const text = 'No dates here at all, only words. '.repeat(100000) + '1 May 2025';
    const t0 = performance.now();
    for (let start = 0; start < 100000; start += 100) {
      assert.equal(findDates(text, { index: 0, span: { start, end: start + 80 } }).length, 0);
    }
    const ms = performance.now() - t0;
    // Quadratic work over the whole text would take minutes; normal is a few ms.
    assert.ok(ms < 15000, `1000 small spans took ${ms.toFixed(0)} ms`);
  });
});

describe('any text', () => {
  const token = fc.constantFrom(
    '19', '3', '31', '2025', '1992', '26th', 'March', 'May', 'Mar.', 'Thursday', 'Thu.', 'on', 'On', 'in', 'and',
    'to', 'from', '-', '–', '/', '.', ',', '(', ')', '[', ']', ' ', ' ', '\u00a0', '\n', '\r\n', '%', 'billion', 'x',
  );
  const VALUE = /^\d{4}(-\d{2}(-\d{2})?)?(\/\d{4}(-\d{2}(-\d{2})?)?)?$/;

  it('gives ordered, non-overlapping, well-formed dates for any mix of date-like tokens', () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 40 }), fc.option(fc.integer({ min: 1990, max: 2030 })), (tokens, year) => {
        const text = tokens.join('');
        const found = dates(text, year);
        let last = 0;
        for (const d of found) {
          assert.ok(d.span.start >= last && d.span.end > d.span.start, 'in order, not overlapping, not empty');
          last = d.span.end;
          assert.equal(text.slice(d.span.start, d.span.end), d.text);
          assert.ok(!/[\r\n]/.test(d.text), 'no line break inside a date');
          assert.ok(d.value === null || VALUE.test(d.value), `value ${d.value}`);
          if (d.weekdaySpan) assert.ok(d.weekdaySpan.start >= d.span.start && d.weekdaySpan.end <= d.span.end);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('releaseDate', () => {
  it('prefers the dateline', () => {
    const found = dates('Talks on 3 March 2025 were planned.\nBrussels, 24 February 2025 – The Council met.');
    assert.equal(releaseDate(found), '2025-02-24');
  });
  it('takes a date followed by a time at the end of its line for a dateline', () => {
    assert.equal(releaseDate(dates('Press conference on 12 February 2025 in Beijing.\nUpdated: 2025-02-10 19:30\n')), '2025-02-10');
    assert.equal(releaseDate(dates('Talks on 12 February 2025 in Rome.\nBrussels, 10 February 2025, 10.00 CET – Text.')), '2025-02-10');
  });
  it('else takes the first full date, the start of a range', () => {
    assert.equal(releaseDate(dates('In March 2024 it joined. On 10 and 11 March 2025, he visited. More text.')), '2025-03-10');
  });
  it('ignores bare weekdays and is null without a full date', () => {
    assert.equal(releaseDate(dates('In May 2025 and in 2026 they will meet.')), null);
    assert.equal(releaseDate([]), null);
  });
});

// ---------------------------------------------------------------------------------------------
// The corpus

interface GoldDate {
  line: number;
  text: string;
  value: string | null;
  occurrence?: number;
}

/** The shared corpus: beside the checkout's root (the folder whose package.json names attache). */
function corpusDir(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        if ((JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string }).name === 'attache') {
          return path.resolve(dir, '..', 'shared', 'corpus');
        }
      } catch {
        // not a manifest we can read; keep walking up
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(__dirname, '../../../../shared/corpus');
    dir = parent;
  }
}

describe('the corpus', () => {
  const dir = corpusDir();
  const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.gold.json')).sort() : [];

  it('finds the corpus', () => assert.ok(files.length > 0, `no gold files in ${dir}`));

  it('matches the gold dates (precision, recall, values ≥ 0.95)', () => {
    let gold = 0;
    let predicted = 0;
    let truePredicted = 0;
    let found = 0;
    let rightValue = 0;
    const misses: string[] = [];
    for (const goldFile of files) {
      const name = goldFile.replace(/\.gold\.json$/, '');
      const text = fs.readFileSync(path.join(dir, `${name}.txt`), 'utf8');
      const g = JSON.parse(fs.readFileSync(path.join(dir, goldFile), 'utf8')) as {
        releases: { line: number }[];
        dates: GoldDate[];
      };
      const lineStarts = [0];
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
      const lineOf = (offset: number): number => {
        let lo = 0;
        let hi = lineStarts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (lineStarts[mid] <= offset) lo = mid;
          else hi = mid - 1;
        }
        return lo + 1;
      };

      const mine: DateMention[] = [];
      g.releases.forEach((r, i) => {
        const start = lineStarts[r.line - 1];
        const end = i + 1 < g.releases.length ? lineStarts[g.releases[i + 1].line - 1] : text.length;
        const ds = findDates(text, { index: i, span: { start, end } });
        for (let k = 1; k < ds.length; k++) {
          assert.ok(ds[k - 1].span.end <= ds[k].span.start, `${name}: dates overlap or are out of order`);
        }
        for (const d of ds) assert.equal(text.slice(d.span.start, d.span.end), d.text);
        mine.push(...ds);
      });

      const goldSpans = g.dates.map((d) => {
        const lineStart = lineStarts[d.line - 1];
        const line = text.slice(lineStart, d.line < lineStarts.length ? lineStarts[d.line] : text.length);
        let at = -1;
        for (let k = 0; k < (d.occurrence ?? 1); k++) at = line.indexOf(d.text, at + 1);
        assert.ok(at >= 0, `${name}:${d.line}: gold text ${JSON.stringify(d.text)} not on its line`);
        return { ...d, start: lineStart + at, end: lineStart + at + d.text.length };
      });
      const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }): boolean =>
        a.start < b.end && b.start < a.end;

      gold += goldSpans.length;
      predicted += mine.length;
      for (const gd of goldSpans) {
        const hit = mine.find((d) => lineOf(d.span.start) === gd.line && overlaps(d.span, gd));
        if (hit === undefined) {
          misses.push(`missed   ${name}:${gd.line} ${JSON.stringify(gd.text)} = ${gd.value}`);
          continue;
        }
        found++;
        if (hit.value === gd.value) rightValue++;
        else misses.push(`value    ${name}:${gd.line} ${JSON.stringify(hit.text)} = ${hit.value}, gold ${gd.value}`);
      }
      for (const d of mine) {
        const line = lineOf(d.span.start);
        if (goldSpans.some((gd) => gd.line === line && overlaps(d.span, gd))) truePredicted++;
        else misses.push(`spurious ${name}:${line} ${JSON.stringify(d.text)} = ${d.value}`);
      }
    }
    const precision = predicted === 0 ? 0 : truePredicted / predicted;
    const recall = gold === 0 ? 0 : found / gold;
    const values = found === 0 ? 0 : rightValue / found;
    console.log(
      `dates: precision ${precision.toFixed(3)} (${truePredicted}/${predicted}), recall ${recall.toFixed(3)} (${found}/${gold}), ` +
        `values ${values.toFixed(3)} (${rightValue}/${found})`,
    );
    for (const m of misses) console.log('  ' + m);
    assert.ok(precision >= 0.95, `precision ${precision}`);
    assert.ok(recall >= 0.95, `recall ${recall}`);
    assert.ok(values >= 0.95, `value accuracy ${values}`);
  });
});

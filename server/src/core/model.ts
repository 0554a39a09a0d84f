/**
 * The document model: what Attaché knows about one text file.
 *
 * Everything here is in UTF-16 code-unit offsets into the text (what JavaScript string indices
 * count), `end` exclusive. Nothing here knows about lines, positions or the protocol: the language
 * server and the CLI convert offsets to positions through the document.
 */

/** A half-open range of UTF-16 offsets into the document text. */
export interface Span {
  start: number;
  end: number;
}

/** One press release, readout or statement inside a file of many. */
export interface Release {
  /** Position in the file's list of releases, from 0. */
  index: number;
  /** The title line's text, trimmed. */
  title: string;
  /** The title's text on its line (trimmed of surrounding white space). */
  titleSpan: Span;
  /** The value of the `Source:` line, or null where the header has none. */
  source: string | null;
  /** The whole `Source:` line, where there is one. */
  sourceSpan: Span | null;
  /** The whole release, from the title line to the end of its last non-blank line. */
  span: Span;
  /** The body: from the first non-blank line after the header to the end of the release; null when empty. */
  bodySpan: Span | null;
  /** A trailing "For more information:" block, where there is one. */
  footerSpan: Span | null;
  /** The release's own date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`), where one can be told. */
  date: string | null;
}

/** A role as the text states it: "NATO Secretary General", "Prime Minister of Belgium". */
export interface Role {
  /** The role as written. */
  text: string;
  /** The office without its organisation or country: "Secretary General", "Prime Minister". */
  title: string;
  /** The organisation or country the office belongs to, where the text says it. */
  organization: string | null;
  /** Where the role is written. */
  span: Span;
  /** The release that states it. */
  release: number;
}

/** How a mention names its person. */
export type MentionForm = 'full' | 'surname' | 'given';

/** One place where a person is named. */
export interface Mention {
  /** The name as written, without honorific, rank or role ("Mark Rutte", "Rutte"). */
  span: Span;
  text: string;
  release: number;
  form: MentionForm;
}

/** A named person, with every role and mention the file gives them. */
export interface Official {
  /** Stable within the file: the folded, hyphenated canonical name ("mark-rutte"). */
  id: string;
  /** The fullest form of the name seen in the file. */
  name: string;
  /** Other written forms of the name (surname alone, spelling variants). */
  aliases: string[];
  roles: Role[];
  /** In document order. */
  mentions: Mention[];
  /** The officials register's entry for this person, where the register knows them. */
  registerId?: string;
}

/** An office named without a name ("the Secretary General"), resolved through the officials register. */
export interface RoleReference {
  span: Span;
  /** The office as written, without a leading article. */
  text: string;
  release: number;
  /** The register's entry for the holder of the office on the release's date. */
  registerId: string;
  /** The holder's name, as the register gives it. */
  name: string;
  /** The file's official for that person, where the file names them too. */
  officialId: string | null;
}

/** A calendar date as written; parts the text leaves out are null. */
export interface CalendarDate {
  year: number | null;
  month: number | null;
  day: number | null;
}

/** A date, month, year or range named in the text. */
export interface DateMention {
  span: Span;
  text: string;
  /** `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `START/END`; null where no year can be told. */
  value: string | null;
  /** The weekday the text names, where it names one ("Wednesday"); for a range, the first. */
  weekday?: string;
  /** Where the weekday is written (for quick fixes). */
  weekdaySpan?: Span;
  /** The calendar parts, with the year resolved from context where the text leaves it out. */
  start: CalendarDate;
  /** For a range, its end. */
  end?: CalendarDate;
  /** The weekday named for the end of a range ("Thursday 13 and Friday 14 March"). */
  endWeekday?: string;
  endWeekdaySpan?: Span;
  /** True where the year came from context rather than the text itself. */
  yearInferred: boolean;
  release: number;
}

/** The diagnostic codes of the annotation contract, and Attaché's own unscored ones. */
export type FindingCode =
  | 'date.weekday-mismatch'
  | 'date.invalid'
  | 'date.range-reversed'
  | 'release.missing-source'
  | 'release.empty'
  | 'release.duplicate-title'
  | 'official.name-variant'
  | 'official.role-conflict'
  | 'official.outside-tenure'
  | 'official.unknown-role';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A text edit the user may choose to apply (a quick fix). */
export interface Fix {
  title: string;
  span: Span;
  newText: string;
  /** The fix a user most likely wants. */
  preferred?: boolean;
}

/** Something that looks wrong, for a press officer to review before publishing. */
export interface Finding {
  code: FindingCode;
  span: Span;
  message: string;
  severity: Severity;
  release: number;
  fixes: Fix[];
  /** Other places the finding refers to (the first spelling of a name, the first title). */
  related?: { span: Span; message: string }[];
}

/** Everything the engine knows about one text. */
export interface DocumentModel {
  /** Length of the analysed text, in UTF-16 code units. */
  length: number;
  releases: Release[];
  officials: Official[];
  dates: DateMention[];
  findings: Finding[];
  /** Offices named without a name, resolved to their holders; empty without a register. */
  roleReferences: RoleReference[];
}

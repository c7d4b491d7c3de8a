// JUnit XML of a CiReport, the format every CI reads test results from (Jenkins, GitLab, Azure,
// GitHub test-report actions): one <testsuite> per check group, one <testcase> per check.
// Serialised by fast-xml-parser's XMLBuilder, which escapes every & < > " (xmlbuilder2 leaves
// text that looks like an entity, "&lt;" or "&foo;", unescaped: hostile names would read back
// changed or not parse at all); what XML 1.0 cannot carry at all is made visible here first.
import { XMLBuilder } from 'fast-xml-parser';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { Check, CiReport } from './check.ts';

// Left after terminalSafe: lone surrogates and U+FFFE/U+FFFF, which no XML 1.0 document may hold.
const NOT_XML = /[\p{Cs}\uFFFE\uFFFF]/gu;

/**
 * Names and messages quote suite text, which may be hostile. Control and invisible format
 * characters are shown as escapes, as on a terminal (CI pages and logs show this text too), and
 * so is anything else XML cannot hold.
 */
function text(value: string): string {
  return terminalSafe(value).replace(NOT_XML, (char) => `\\u{${char.charCodeAt(0).toString(16)}}`);
}

/** Attribute values are one line: a parser turns a raw newline in them into a space anyway. */
function attribute(value: string): string {
  return text(value.replace(/\r\n|[\r\n\t]/g, ' '));
}

// Checks are judged, not timed: time="0" is there because several readers parse it as a number.
const TIME = '0';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@', textNodeName: '#text', format: true, suppressEmptyNode: true });

export function junitXml(report: CiReport): string {
  const groups = new Map<string, Check[]>();
  for (const check of report.checks) groups.set(check.group, [...(groups.get(check.group) ?? []), check]);
  const count = (checks: Check[], outcome: Check['outcome']) => String(checks.filter((check) => check.outcome === outcome).length);
  const testsuites = {
    '@name': `meshbench ${report.command}`,
    '@tests': String(report.checks.length),
    '@failures': count(report.checks, 'failed'),
    '@errors': '0',
    '@time': TIME,
    testsuite: [...groups].map(([group, checks]) => ({
      '@name': attribute(group),
      '@tests': String(checks.length),
      '@failures': count(checks, 'failed'),
      '@errors': '0',
      '@skipped': count(checks, 'skipped'),
      '@time': TIME,
      testcase: checks.map((check) => testcase(check, `meshbench.${report.command}.${group}`)),
    })),
  };
  return builder.build({ '?xml': { '@version': '1.0', '@encoding': 'UTF-8' }, testsuites });
}

function testcase(check: Check, classname: string): Record<string, unknown> {
  const head = { '@name': attribute(check.name), '@classname': attribute(classname), '@time': TIME };
  const message = attribute(check.message ?? '');
  switch (check.outcome) {
    case 'failed':
      return { ...head, failure: { '@message': message, '@type': 'meshbench', '#text': text(check.detail ?? check.message ?? '') } };
    case 'skipped':
      return { ...head, skipped: { '@message': message } };
    case 'passed':
      return check.detail ? { ...head, 'system-out': text(check.detail) } : head;
  }
}

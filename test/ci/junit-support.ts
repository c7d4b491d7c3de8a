// Reading JUnit XML as CI tools do: checked against the Jenkins JUnit schema by libxml2 (xmllint,
// as WebAssembly) and parsed by fast-xml-parser, the most used XML parser on npm.
import { readFile } from 'node:fs/promises';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';

const XSD = new URL('../fixtures/junit/jenkins-junit.xsd', import.meta.url);

const SKIPPED_WITHOUT_ATTRIBUTES = '<xs:element name="skipped" type="xs:string"/>';
// The one deviation from the vendored schema (test/fixtures/junit/README.md): a message on <skipped>.
const SKIPPED_WITH_MESSAGE = `<xs:element name="skipped"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
  <xs:attribute name="message" type="xs:string" use="optional"/></xs:extension></xs:simpleContent></xs:complexType></xs:element>`;

/** xmllint's complaints, none when the document is well-formed and valid. */
export async function schemaErrors(xml: string, options: { skippedMessage?: boolean } = {}): Promise<string[]> {
  const xsd = await readFile(XSD, 'utf8');
  if (!xsd.includes(SKIPPED_WITHOUT_ATTRIBUTES)) throw new Error('the vendored schema changed: its <skipped> declaration is not where this test expects it');
  const schema = options.skippedMessage ? xsd.replace(SKIPPED_WITHOUT_ATTRIBUTES, SKIPPED_WITH_MESSAGE) : xsd;
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: schema }] });
  return result.valid ? [] : result.errors.map((error) => error.rawMessage);
}

export interface ParsedCase {
  name: string;
  classname: string;
  failure?: { message: string; text: string };
  skipped?: { message: string };
}

export interface ParsedSuite {
  name: string;
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  cases: ParsedCase[];
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: 'text',
  parseAttributeValue: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

export function parseJunit(xml: string): { tests: number; failures: number; suites: ParsedSuite[] } {
  const wellFormed = XMLValidator.validate(xml);
  if (wellFormed !== true) throw new Error(`not well-formed XML: ${JSON.stringify(wellFormed.err)}`);
  const root = parser.parse(xml).testsuites;
  const text = (node: unknown) => (typeof node === 'string' ? node : ((node as { text?: string }).text ?? ''));
  return {
    tests: Number(root.tests),
    failures: Number(root.failures),
    suites: (root.testsuite ?? []).map((suite: Record<string, unknown>) => ({
      name: suite.name,
      tests: Number(suite.tests),
      failures: Number(suite.failures),
      errors: Number(suite.errors),
      skipped: Number(suite.skipped),
      cases: ((suite.testcase as Record<string, unknown>[] | undefined) ?? []).map((testcase) => ({
        name: testcase.name as string,
        classname: testcase.classname as string,
        ...(testcase.failure !== undefined
          ? { failure: { message: (testcase.failure as { message: string }).message, text: text(testcase.failure) } }
          : {}),
        ...(testcase.skipped !== undefined ? { skipped: { message: (testcase.skipped as { message: string }).message } } : {}),
      })),
    })),
  };
}

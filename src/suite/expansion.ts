// Checks a parsed YAML document before it becomes data, where yaml's own toJS would throw without
// a line: every alias refers to an anchor set before it, none to a node that contains it, keys are
// plain (a list or an alias as a key would be stringified), and the document holds a bounded number
// of values once its aliases are expanded. toJS shares one object per anchor, but validation walks
// (and copies) every expanded value, so a few lines of nested aliases — a "billion laughs" — would
// exhaust memory; yaml's own guard counts aliases instead (more than 100 refused), which refuses
// ordinary suites and lets no size through. Pure; iterative, so deep nesting cannot overflow it.
import { isAlias, isCollection, isMap, isScalar, isSeq } from 'yaml';
import type { Document, LineCounter, Node } from 'yaml';
import type { Problem } from './errors.ts';
import { keyOf } from './errors.ts';
import { keyName, position } from './locate.ts';

/** 50 × the largest shipped suite (about 200 values), and small enough to validate in milliseconds. */
export const MAX_VALUES = 10_000;

type Step = { node: Node | null; path: PropertyKey[] } | { done: Node; children: (Node | null)[] };

export function expansionProblems(doc: Document, lineCounter: LineCounter, file: string): Problem[] {
  const problems: Problem[] = [];
  const at = (node: Node, path: PropertyKey[], message: string): Problem => ({ file, ...position(lineCounter, node.range?.[0] ?? 0), key: keyOf(path), message });
  const anchors = new Map<string, Node>(); // the last node given each anchor, in document order (as yaml resolves)
  const sizes = new Map<Node, number>(); // values a node stands for, its aliases expanded
  const open = new Set<Node>(); // collections being walked: an alias to one would contain itself
  let total = 0;
  const steps: Step[] = [{ node: doc.contents as Node | null, path: [] }];
  while (steps.length > 0) {
    const step = steps.pop()!;
    if ('done' in step) {
      const size = step.children.reduce((sum, child) => sum + (child ? sizes.get(child)! : 1), 1);
      sizes.set(step.done, Math.min(size, MAX_VALUES + 1));
      open.delete(step.done);
      continue;
    }
    const { node, path } = step;
    if (!node) {
      total += 1; // an empty value: null
      continue;
    }
    let size = 1;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (!target) problems.push(at(node, path, `expected an anchor &${node.source} earlier in the file for the alias *${node.source}; got none`));
      else if (open.has(target)) problems.push(at(node, path, `expected an alias to a node it is not part of; *${node.source} is inside the node anchored &${node.source}, so it would contain itself`));
      else size = sizes.get(target)!;
    }
    sizes.set(node, size);
    total += size;
    if (total > MAX_VALUES) {
      problems.push(at(node, path, `expected at most ${MAX_VALUES.toLocaleString('en')} values in the file with its aliases expanded; it holds more from here on (nested aliases, a "billion laughs", would otherwise exhaust memory)`));
      return problems;
    }
    if (!isScalar(node) && !isCollection(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isCollection(node)) {
      const children: { node: Node | null; path: PropertyKey[] }[] = [];
      if (isMap(node)) {
        for (const pair of node.items) {
          const key = pair.key as Node | null;
          const childPath = [...path, keyName(key)];
          if (key && !isScalar(key)) problems.push(at(key, childPath, `expected a plain key; got ${isAlias(key) ? 'an alias' : isSeq(key) ? 'a list' : 'a mapping'} as a key`));
          children.push({ node: key, path: childPath }, { node: pair.value as Node | null, path: childPath });
        }
      } else {
        node.items.forEach((item, index) => children.push({ node: item as Node | null, path: [...path, index] }));
      }
      open.add(node);
      steps.push({ done: node, children: children.map((child) => child.node) });
      steps.push(...children.reverse());
    }
  }
  return problems;
}

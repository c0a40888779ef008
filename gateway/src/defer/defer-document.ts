import {
  type ArgumentNode,
  type DirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  getOperationAST,
  type InlineFragmentNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/** One `@defer` of the client's document: the label the planner knows it by, and where it sits. */
export interface DeferSite {
  /** The client's own label, echoed in the incremental payloads (absent when it gave none). */
  userLabel?: string;
  /** Response-key paths from the root to the fragment (several when its named fragment is spread twice). */
  paths: string[][];
}

/**
 * The client's operation with every active `@defer` given a unique internal label (the planner's
 * `DeferredNode.label` then names the site for sure, whatever labels the client chose or repeated),
 * `@defer(if: false)` removed, and named fragments inlined so each part's document stands alone.
 */
export interface DeferDocument {
  operation: OperationDefinitionNode;
  sites: ReadonlyMap<string, DeferSite>;
}

const LABEL_PREFIX = '__trae_defer_';

/** Skipped at shaping time, so a selection set that held only deferred fragments stays valid (and answers `{}`). */
const SKIP_ALWAYS: DirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'skip' },
  arguments: [
    {
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: 'if' },
      value: { kind: Kind.BOOLEAN, value: true },
    },
  ],
};

export function hasDefer(document: DocumentNode): boolean {
  let found = false;
  const visit = (set: SelectionSetNode | undefined): void => {
    for (const s of set?.selections ?? []) {
      if (s.kind !== Kind.FIELD && s.directives?.some((d) => d.name.value === 'defer')) found = true;
      if (s.kind !== Kind.FRAGMENT_SPREAD) visit(s.selectionSet);
    }
  };
  for (const d of document.definitions)
    if (d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION) visit(d.selectionSet);
  return found;
}

/** Labels, resolves `if` against the coerced variables, and inlines fragments (see `DeferDocument`). */
export function normalizeDefers(
  document: DocumentNode,
  operationName: string | undefined,
  variables: Readonly<Record<string, unknown>>,
): DeferDocument {
  const operation = getOperationAST(document, operationName);
  if (!operation) throw new Error('No operation to defer');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions)
    if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  // Every `@defer` directive node gets its label, active or not: the same text and the same active set
  // always give the same labels, so the plan can be cached on them.
  const labels = new Map<DirectiveNode, string>();
  const sites = new Map<string, DeferSite>();

  const argument = (directive: DirectiveNode, name: string): ArgumentNode | undefined =>
    directive.arguments?.find((a) => a.name.value === name);
  const isActive = (directive: DirectiveNode) => {
    const value = argument(directive, 'if')?.value;
    if (!value) return true;
    if (value.kind === Kind.BOOLEAN) return value.value;
    return value.kind === Kind.VARIABLE ? variables[value.name.value] !== false : true;
  };

  const rewrite = (set: SelectionSetNode, path: string[]): SelectionSetNode => ({
    ...set,
    selections: set.selections.map((s): SelectionNode => {
      if (s.kind === Kind.FIELD) {
        const key = s.alias?.value ?? s.name.value;
        return s.selectionSet ? { ...s, selectionSet: rewrite(s.selectionSet, [...path, key]) } : s;
      }
      const fragment: InlineFragmentNode =
        s.kind === Kind.INLINE_FRAGMENT ? s : inlineSpread(s.name.value, s.directives ?? [], fragments);
      const directives: DirectiveNode[] = [];
      for (const d of fragment.directives ?? []) {
        if (d.name.value !== 'defer') directives.push(d);
        else {
          const label = labelOf(d);
          if (isActive(d)) directives.push(labelled(d, label, path));
        }
      }
      return { ...fragment, directives, selectionSet: rewrite(fragment.selectionSet, path) };
    }),
  });

  // One label per directive node: a named fragment spread in two places is one site with two paths.
  const labelOf = (directive: DirectiveNode): string => {
    let label = labels.get(directive);
    if (!label) {
      label = `${LABEL_PREFIX}${labels.size}`;
      labels.set(directive, label);
    }
    return label;
  };
  const labelled = (directive: DirectiveNode, label: string, path: string[]): DirectiveNode => {
    let site = sites.get(label);
    if (!site) {
      const given = argument(directive, 'label')?.value;
      site = { userLabel: given?.kind === Kind.STRING ? given.value : undefined, paths: [] };
      sites.set(label, site);
    }
    site.paths.push(path);
    const value = { kind: Kind.STRING, value: label } as const;
    return {
      ...directive,
      arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'label' }, value }],
    };
  };

  return { operation: { ...operation, selectionSet: rewrite(operation.selectionSet, []) }, sites };
}

function inlineSpread(
  name: string,
  directives: readonly DirectiveNode[],
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): InlineFragmentNode {
  const definition = fragments.get(name);
  if (!definition) throw new Error(`Unknown fragment ${name}`);
  return {
    kind: Kind.INLINE_FRAGMENT,
    typeCondition: definition.typeCondition,
    directives: [...directives, ...(definition.directives ?? [])],
    selectionSet: definition.selectionSet,
  };
}

const deferLabel = (s: SelectionNode): string | undefined => {
  if (s.kind !== Kind.INLINE_FRAGMENT) return undefined;
  const label = s.directives
    ?.find((d) => d.name.value === 'defer')
    ?.arguments?.find((a) => a.name.value === 'label')?.value;
  return label?.kind === Kind.STRING ? label.value : undefined;
};

const withoutDefer = (fragment: InlineFragmentNode, extra: DirectiveNode[] = []): InlineFragmentNode => ({
  ...fragment,
  directives: [...(fragment.directives ?? []).filter((d) => d.name.value !== 'defer'), ...extra],
});

/** Everything but the deferred fragments: what the primary part shapes its answer by. */
function primarySelection(set: SelectionSetNode): SelectionSetNode {
  return {
    ...set,
    selections: set.selections.map((s): SelectionNode => {
      if (s.kind === Kind.FIELD)
        return s.selectionSet ? { ...s, selectionSet: primarySelection(s.selectionSet) } : s;
      const fragment = s as InlineFragmentNode;
      if (deferLabel(fragment)) return withoutDefer(fragment, [SKIP_ALWAYS]);
      return { ...fragment, selectionSet: primarySelection(fragment.selectionSet) };
    }),
  };
}

/**
 * Only the way down to the fragment labelled `label` and that fragment's own fields (its nested
 * defers skipped): executing the plan's result through it gives exactly the deferred part's data.
 */
function deferredSelection(set: SelectionSetNode, label: string): SelectionSetNode | null {
  const kept: SelectionNode[] = [];
  for (const s of set.selections) {
    if (s.kind === Kind.FIELD) {
      const inner = s.selectionSet && deferredSelection(s.selectionSet, label);
      if (inner) kept.push({ ...s, selectionSet: inner });
      continue;
    }
    const fragment = s as InlineFragmentNode;
    if (deferLabel(fragment) === label) {
      kept.push({ ...withoutDefer(fragment), selectionSet: primarySelection(fragment.selectionSet) });
      continue;
    }
    const inner = deferredSelection(fragment.selectionSet, label);
    if (inner) kept.push({ ...withoutDefer(fragment), selectionSet: inner });
  }
  return kept.length ? { ...set, selections: kept } : null;
}

const asDocument = (operation: OperationDefinitionNode): DocumentNode => ({
  kind: Kind.DOCUMENT,
  definitions: [operation],
});

/** The planner's input: the labelled operation, fragments inlined. */
export const plannedDocument = (doc: DeferDocument) => asDocument(doc.operation);

export const primaryDocument = (doc: DeferDocument) =>
  asDocument({ ...doc.operation, selectionSet: primarySelection(doc.operation.selectionSet) });

export function deferredDocument(doc: DeferDocument, label: string): DocumentNode {
  const selectionSet = deferredSelection(doc.operation.selectionSet, label);
  if (!selectionSet) throw new Error(`No deferred fragment labelled ${label}`);
  return asDocument({ ...doc.operation, selectionSet });
}

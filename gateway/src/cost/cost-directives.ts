import { type DirectiveNode, type DocumentNode, Kind, valueFromASTUntyped } from 'graphql';

/** `@listSize` as the IBM cost spec (and Apollo Federation's `cost/v0.1`) defines it. */
export interface ListSize {
  assumedSize?: number;
  slicingArguments?: readonly string[];
  sizedFields?: readonly string[];
}

export interface FieldCost {
  /** `@cost(weight:)` on the field: replaces the default cost of its type. */
  weight?: number;
  listSize?: ListSize;
  /** `@cost` on the field's arguments, paid when the argument is given. */
  argumentWeights?: ReadonlyMap<string, number>;
}

/** The demand-control directives of a supergraph, by `Type.field` and by type name. */
export interface CostDirectives {
  fields: ReadonlyMap<string, FieldCost>;
  types: ReadonlyMap<string, number>;
}

const weightOf = (directives: readonly DirectiveNode[] | undefined): number | undefined => {
  const cost = directives?.find((d) => d.name.value === 'cost');
  const weight = cost?.arguments?.find((a) => a.name.value === 'weight');
  return weight ? Number(valueFromASTUntyped(weight.value)) : undefined;
};

function listSizeOf(directives: readonly DirectiveNode[] | undefined): ListSize | undefined {
  const listSize = directives?.find((d) => d.name.value === 'listSize');
  if (!listSize) return undefined;
  const args = Object.fromEntries(
    (listSize.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
  ) as ListSize;
  return {
    assumedSize: args.assumedSize,
    slicingArguments: args.slicingArguments,
    sizedFields: args.sizedFields,
  };
}

/**
 * Reads `@cost` and `@listSize` from the supergraph SDL. The gateway's API schema drops them (they
 * are composition metadata), so they are read from the document the gateway loads anyway.
 */
export function readCostDirectives(supergraph: DocumentNode): CostDirectives {
  const fields = new Map<string, FieldCost>();
  const types = new Map<string, number>();
  for (const definition of supergraph.definitions) {
    if (!('name' in definition) || !definition.name || !('directives' in definition)) continue;
    const typeName = definition.name.value;
    const typeWeight = weightOf(definition.directives);
    if (typeWeight !== undefined) types.set(typeName, typeWeight);
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION)
      continue;
    for (const field of definition.fields ?? []) {
      const argumentWeights = new Map<string, number>();
      for (const arg of field.arguments ?? []) {
        const weight = weightOf(arg.directives);
        if (weight !== undefined) argumentWeights.set(arg.name.value, weight);
      }
      const cost: FieldCost = {
        weight: weightOf(field.directives),
        listSize: listSizeOf(field.directives),
        ...(argumentWeights.size > 0 ? { argumentWeights } : {}),
      };
      if (cost.weight !== undefined || cost.listSize || cost.argumentWeights)
        fields.set(`${typeName}.${field.name.value}`, cost);
    }
  }
  return { fields, types };
}

/** Every name a new subgraph's files use, derived once from its folder name (and `--entity`). */
export interface Names {
  /** `agent-notes`: folder, package `@trae/agent-notes`, service name. */
  name: string;
  /** `AgentNotes`: `createAgentNotes`, `AgentNotesConfig`, `buildAgentNotesSchema`. */
  Name: string;
  /** `agentNotes`: `agentNotesEnv`, `agentNotesContext`. */
  camel: string;
  /** `AGENT_NOTES`: `AGENT_NOTES_URL`, `AGENT_NOTES_PORT`. */
  env: string;
  /** `agent_notes`: the PostgreSQL schema. */
  pgSchema: string;
  /** `agent-note`: the module folder and its files. */
  entity: string;
  /** `AgentNote`: the entity class and GraphQL type. */
  Entity: string;
  /** `agentNote`: the loader. */
  entityCamel: string;
  /** `agentNotes`: `Query.agentNotes`, `User.agentNotes`, the service in the context. */
  plural: string;
  /** `AgentNotes`: `UserAgentNotesResolver`, `AgentNotesArgs`. */
  Plural: string;
  /** `agent-notes`: `user-agent-notes.resolver.ts`. */
  pluralKebab: string;
  /** `agent notes`: in descriptions and messages. */
  pluralWords: string;
  /** `agent_notes`: the table. */
  table: string;
}

const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_LENGTH = 30;
/** Names taken by other parts of the platform, or read as something else (`REDIS_URL` is no subgraph). */
const TAKEN = ['gateway', 'kit', 'launcher', 'schema', 'client', 'e2e', 'database', 'redis', 'worker'];
/** JavaScript reserved words: derived names become identifiers. */
const RESERVED =
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof let new null return static super switch this throw true try typeof var void while with yield await implements interface package private protected public'.split(
    ' ',
  );

export class ScaffoldError extends Error {}

const words = (kebab: string) => kebab.split('-');
const pascal = (kebab: string) =>
  words(kebab)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camelCase = (kebab: string) => {
  const p = pascal(kebab);
  return p[0].toLowerCase() + p.slice(1);
};

function checkKebab(what: string, value: string): void {
  if (!KEBAB.test(value) || value.length > MAX_LENGTH) {
    throw new ScaffoldError(
      `${what} "${value}" is not a valid name: lowercase letters and digits in words joined by "-", ` +
        `starting with a letter, at most ${MAX_LENGTH} characters (e.g. notes, agent-notes)`,
    );
  }
}

/** The names for subgraph `name`; its entity is `entity`, or the name without a trailing "s". */
export function deriveNames(name: string, entity?: string): Names {
  checkKebab('subgraph', name);
  if (TAKEN.includes(name)) throw new ScaffoldError(`subgraph "${name}" is a name the platform already uses`);
  if (entity !== undefined) checkKebab('entity', entity);
  const single = entity ?? name.replace(/s$/, '');
  if (!single || single.endsWith('-')) {
    throw new ScaffoldError(`cannot derive an entity from "${name}"; pass --entity <name>`);
  }
  const pluralKebab = entity === undefined ? name : `${single}s`;
  const names: Names = {
    name,
    Name: pascal(name),
    camel: camelCase(name),
    env: name.toUpperCase().replace(/-/g, '_'),
    pgSchema: name.replace(/-/g, '_'),
    entity: single,
    Entity: pascal(single),
    entityCamel: camelCase(single),
    plural: camelCase(pluralKebab),
    Plural: pascal(pluralKebab),
    pluralKebab,
    pluralWords: pluralKebab.replace(/-/g, ' '),
    table: pluralKebab.replace(/-/g, '_'),
  };
  if (names.Entity === names.Name) {
    throw new ScaffoldError(
      `the entity "${single}" reads like the subgraph "${name}"; pass --entity <singular name>`,
    );
  }
  const clash = [names.camel, names.entityCamel, names.plural].find((n) => RESERVED.includes(n));
  if (clash) throw new ScaffoldError(`"${clash}" is a JavaScript reserved word; pick another name`);
  return names;
}

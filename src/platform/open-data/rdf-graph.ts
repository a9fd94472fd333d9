import { DataFactory, Writer } from 'n3';

/**
 * A small RDF graph of named nodes only (no blank nodes, so that JSON-LD and Turtle name every
 * node the same way), written either as JSON-LD or, through n3's writer, as Turtle: one graph,
 * two serialisations that cannot disagree.
 */

/** An object of a statement: another node, or a literal with a language tag or a datatype. */
export type RdfObject = { iri: string } | { value: string; language?: string; datatype?: string };

/** One statement. */
export interface RdfStatement {
  subject: string;
  predicate: string;
  object: RdfObject;
}

/** The prefixes both serialisations use. */
export const RDF_PREFIXES = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

const RDF_TYPE = `${RDF_PREFIXES.rdf}type`;

/** A graph being built: `add` a statement, `type` a node's class; statements said twice are kept once. */
export class RdfGraph {
  readonly #statements = new Map<string, RdfStatement>();

  /** Adds one statement. */
  add(subject: string, predicate: string, object: RdfObject): this {
    this.#statements.set(JSON.stringify([subject, predicate, object]), { subject, predicate, object });
    return this;
  }

  /** Says that `subject` is an instance of `type`. */
  type(subject: string, type: string): this {
    return this.add(subject, RDF_TYPE, { iri: type });
  }

  /** The statements, in the order they were first added. */
  get statements(): readonly RdfStatement[] {
    return [...this.#statements.values()];
  }

  /** The graph as a JSON-LD document: one node object per subject in `@graph`, terms in full. */
  toJsonLd(): Record<string, unknown> {
    const nodes = new Map<string, Record<string, unknown[]>>();
    for (const { subject, predicate, object } of this.statements) {
      const node = nodes.get(subject) ?? {};
      nodes.set(subject, node);
      const key = predicate === RDF_TYPE ? '@type' : compact(predicate);
      const value =
        predicate === RDF_TYPE && 'iri' in object
          ? compact(object.iri)
          : 'iri' in object
            ? { '@id': object.iri }
            : {
                '@value': object.value,
                ...(object.language ? { '@language': object.language } : {}),
                ...(object.datatype ? { '@type': compact(object.datatype) } : {}),
              };
      (node[key] ??= []).push(value);
    }
    return {
      '@context': { ...RDF_PREFIXES },
      '@graph': [...nodes].map(([id, properties]) => ({ '@id': id, ...properties })),
    };
  }

  /** The graph as Turtle. */
  toTurtle(): Promise<string> {
    const { namedNode, literal, quad } = DataFactory;
    const writer = new Writer({ prefixes: { ...RDF_PREFIXES } });
    for (const { subject, predicate, object } of this.statements)
      writer.addQuad(
        quad(
          namedNode(subject),
          namedNode(predicate),
          'iri' in object ? namedNode(object.iri) : literal(object.value, object.language ?? (object.datatype ? namedNode(object.datatype) : undefined)),
        ),
      );
    return new Promise((resolve, reject) => writer.end((error: Error | null, result: string) => (error ? reject(error) : resolve(result))));
  }
}

/** `dcat:Dataset` for a term of a known prefix, the full address otherwise. */
function compact(iri: string): string {
  for (const [prefix, namespace] of Object.entries(RDF_PREFIXES))
    if (iri.startsWith(namespace) && iri.length > namespace.length) return `${prefix}:${iri.slice(namespace.length)}`;
  return iri;
}

import { GraphException } from '../../graph/errors/graph.exception.js';

/** The policy workload's answers (graph-spec-ca-root §6.3): a broken rule is `400 badRequest`. */
export const PolicyErrors = {
  badRequest: (message: string) => new GraphException(400, 'badRequest', message),
  configurationNotFound: (id: string) => new GraphException(404, 'itemNotFound', `Authentication method configuration '${id.slice(0, 64)}' was not found.`),
};

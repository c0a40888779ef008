/**
 * Answers outside Apollo (auth, rate limit, body errors) look like a GraphQL response, with the status
 * of their code from the kit's registry: the one shape every service answers errors with.
 */
export { sendError as sendGraphQLError } from '@trae/kit';

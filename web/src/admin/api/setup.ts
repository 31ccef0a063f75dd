// Operations of the first-run setup screen.
import { graphql } from '../gql';

export const SetupRequiredQuery = graphql(`
  query SetupRequired {
    setupRequired
  }
`);

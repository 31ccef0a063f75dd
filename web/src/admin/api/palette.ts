// The command palette's item search.
import { graphql } from '../gql';

export const PaletteSearchQuery = graphql(`
  query PaletteSearch($text: String!) {
    contents(first: 8, filter: { text: $text }, orderBy: { field: UPDATED_AT, direction: DESC }) {
      nodes {
        id
        title
        status
        type {
          id
          name
        }
      }
    }
  }
`);

// gnt-cluster search-tags REGEX.
export { searchTagsVerb as verb } from '../framework/tag-verbs.js';

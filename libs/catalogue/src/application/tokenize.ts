// The segmentation is shared with the documents' search: it lives in the platform.
export { indexTokens, queryTokens } from '@gongkai/platform';

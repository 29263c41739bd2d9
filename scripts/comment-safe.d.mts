// Types of scripts/comment-safe.mjs, for its test.

/** `code` with every "*" "/" pair written another way that means the same. */
export function withoutCommentEnd(code: string): string;

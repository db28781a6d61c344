// Finds JWT-shaped tokens (Rodin subscription keys) in any text in one linear pass, for the parser and for redaction.

/** A maximal run of base64url characters and dots that starts with `eyJ` (the base64 of `{"`). */
export interface JwtLikeToken {
  start: number;
  end: number;
  token: string;
  /** The token split at its dots; a JWT has exactly three non-empty parts. */
  parts: string[];
}

const TOKEN_CHAR = /[A-Za-z0-9_.-]/;

function isTokenChar(ch: string | undefined): boolean {
  return ch !== undefined && TOKEN_CHAR.test(ch);
}

/**
 * Every `eyJ…` token with at least one dot, in order. Linear: each character is looked at a bounded number of
 * times because the scan resumes after the end of the last token (no regex backtracking involved).
 */
export function findJwtLikeTokens(text: string): JwtLikeToken[] {
  const found: JwtLikeToken[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('eyJ', from);
    if (at < 0) break;
    if (isTokenChar(text[at - 1])) {
      // Inside a longer word: skip to the end of that word so it is never rescanned.
      let skip = at + 3;
      while (isTokenChar(text[skip])) skip++;
      from = skip;
      continue;
    }
    let end = at + 3;
    while (isTokenChar(text[end])) end++;
    from = end;
    // A sentence may end right after a key: "the key is eyJ….x.y."
    let tokenEnd = end;
    while (tokenEnd > at && text[tokenEnd - 1] === '.') tokenEnd--;
    const token = text.slice(at, tokenEnd);
    const parts = token.split('.');
    if (parts.length >= 2) found.push({ start: at, end: tokenEnd, token, parts });
  }
  return found;
}

/** Three non-empty base64url parts, the first starting with `eyJ`. */
export function isJwtShape(token: JwtLikeToken): boolean {
  return token.parts.length === 3 && token.parts.every((p) => p.length > 0 && !p.includes('.'));
}

/** True when the first part decodes to a JSON object with `alg` or `typ`, as every JWT header has. */
export function hasJwtHeader(token: JwtLikeToken): boolean {
  const header = token.parts[0];
  if (!header || header.length > 2048) return false;
  try {
    const decoded: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof decoded === 'object' && decoded !== null && ('alg' in decoded || 'typ' in decoded);
  } catch {
    return false;
  }
}

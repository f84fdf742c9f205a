import { describe, expect, it } from 'vitest';
import { declarationOf, highlightLines, wholeFile } from './source-excerpt';

const SOURCE = `import { x } from 'y';

const LIMIT = 3;

/**
 * Says hello.
 */
export async function hello(name: string): Promise<string> {
  if (name === '') {
    return 'nobody';
  }
  return \`hello \${name}\`;
}

function after() {}
`;

describe('declarationOf', () => {
  it('cuts a function from its comment to its closing brace, numbered as an editor numbers lines', () => {
    const hello = declarationOf(SOURCE, 'hello')!;
    expect(hello.from).toBe(5);
    expect(hello.to).toBe(13);
    expect(hello.text.split('\n')[0]).toBe('/**');
    expect(hello.text.split('\n').at(-1)).toBe('}');
  });

  it('takes a one-line declaration alone', () => {
    expect(declarationOf(SOURCE, 'LIMIT')).toEqual({ text: 'const LIMIT = 3;', from: 3, to: 3 });
  });

  it('finds nothing for a name the file does not declare, or only mentions', () => {
    expect(declarationOf(SOURCE, 'x')).toBeNull();
    expect(declarationOf(SOURCE, 'hell')).toBeNull();
  });
});

const PYTHON = `import jwt


# Refuses a request without a valid token.
def token_required(f):
    @wraps(f)
    def decorated(*args, **kwargs):
        return f(*args, **kwargs)

    return decorated


@app.route("/protected")
def protected():
    return "ok"
`;

describe('declarationOf, in Python', () => {
  it('cuts a def from its comment to its last indented line, blank lines inside kept', () => {
    const required = declarationOf(PYTHON, 'token_required')!;
    expect(required.from).toBe(4);
    expect(required.to).toBe(10);
    expect(required.text.split('\n').at(-1)).toBe('    return decorated');
  });

  it('takes a decorator above the def, and a def at the end of the file', () => {
    expect(declarationOf(PYTHON, 'protected')).toEqual({ text: '@app.route("/protected")\ndef protected():\n    return "ok"', from: 13, to: 15 });
  });
});

describe('wholeFile', () => {
  it('numbers every line and drops the final newline', () => {
    expect(wholeFile('a\nb\n')).toEqual({ text: 'a\nb', from: 1, to: 2 });
  });
});

describe('highlightLines', () => {
  it('keeps every character, one line per source line', () => {
    const lines = highlightLines(SOURCE);
    expect(lines.map((tokens) => tokens.map((token) => token.value).join('')).join('\n')).toBe(SOURCE);
  });

  it('tells keywords, strings and comments apart', () => {
    const tokens = highlightLines("export const a = 'b'; // c").flat();
    expect(tokens.find((token) => token.value === 'export')?.type).toBe('keyword');
    expect(tokens.filter((token) => token.type === 'string').map((token) => token.value).join('')).toBe("'b'");
    expect(tokens.find((token) => token.type === 'comment')?.value).toBe('// c');
  });
});

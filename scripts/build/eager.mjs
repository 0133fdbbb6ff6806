// Marks the functions a run calls at start-up so that V8 compiles them eagerly, and with them they
// land in Node's compile cache.
//
// Node's compile cache (module.enableCompileCache) serialises a file's code right after compiling
// it, before it runs (src/compile_cache.cc, MaybeSave). V8 compiles a function's body only when it
// is first called, unless a heuristic says it will be called at once: so the cache holds the top
// level and little else, and every run compiles the rest of the start-up path again. Measured with
// callgrind on `sections`, that lazy compiling was 40 of the 87 million instructions the CLI added
// to a bare `node -e 0`.
//
// The heuristic V8 keeps is the parenthesised function ("PIFE"): `(function () {...})` and
// `(() => ...)` are compiled with their enclosing code. So this wraps the functions that the
// build's sample runs executed (scripts/build/profile.mjs) in parentheses:
// - function and arrow expressions: `(` ... `)`, which changes nothing else;
// - function declarations directly in a script or function body: `var f = (function (...) {...});`
//   moved to the start of that body, where the declaration was hoisted to, in their order.
// Class methods, getters, setters and declarations inside blocks stay as they are: no wrapping of
// them means the same thing. Nothing here changes what the code does, only when V8 compiles it.
//
// Written here because no maintained tool does it: optimize-js (the one that did) is abandoned and
// wrapped every function, which makes the cache bigger than the compiling it saves (measured:
// `node --no-lazy` made --version cost 19 million more instructions, not fewer).

import { parse } from "acorn";
import { fullAncestor } from "acorn-walk";
import MagicString from "magic-string";

/**
 * The source with the functions starting at `offsets` (UTF-16 offsets, as V8's coverage gives
 * them) made eager, and how many of each kind were.
 */
export function markEager(source, offsets) {
  const ast = parse(source, {
    ecmaVersion: "latest",
    sourceType: "script",
    allowReturnOutsideFunction: true,
    allowHashBang: true,
  });
  const code = new MagicString(source);
  const counts = { expressions: 0, declarations: 0, skipped: 0 };
  const names = declaredTwice(ast);
  // V8 puts an async function's start at `async` or at `function`, depending on the version.
  const ran = (node) => offsets.has(node.start) || (node.async && offsets.has(keywordAt(source, node)));

  fullAncestor(ast, (node, _state, ancestors) => {
    if (node.type !== "FunctionExpression" && node.type !== "ArrowFunctionExpression") {
      if (node.type === "FunctionDeclaration" && ran(node)) declaration(node, ancestors);
      return;
    }
    if (!ran(node)) return;
    const parent = ancestors[ancestors.length - 2];
    // A method's function is not an expression of its own: `m() {}` can't take parentheses.
    if (
      parent?.type === "MethodDefinition" ||
      (parent?.type === "Property" && (parent.method || parent.kind !== "init"))
    ) {
      counts.skipped++;
      return;
    }
    code.prependRight(node.start, "(");
    code.appendLeft(node.end, ")");
    counts.expressions++;
  });

  function declaration(node, ancestors) {
    const scope = ancestors[ancestors.length - 2];
    const owner = ancestors[ancestors.length - 3];
    const inBody =
      scope.type === "Program" ||
      (scope.type === "BlockStatement" && isFunction(owner) && owner.body === scope);
    // In a block a declaration is scoped to the block (and sloppy mode adds more): left alone. So is
    // a name declared twice in one scope, where which one wins would depend on the order here.
    if (!inBody || !node.id || names.get(scope)?.has(node.id.name)) {
      counts.skipped++;
      return;
    }
    const body = scope.body;
    let first = 0;
    while (first < body.length && body[first].type === "ExpressionStatement" && body[first].directive)
      first++;
    // After the directive prologue ("use strict"), so that it still applies.
    const at =
      first < body.length
        ? body[first].start
        : first > 0
          ? body[first - 1].end
          : scope.type === "Program"
            ? scope.start
            : scope.start + 1;
    const keyword = keywordAt(source, node);
    // `function f(` becomes `var f=(function(`: an anonymous function, named f by the assignment, so
    // that a reference to f inside it means the outer binding, as it did.
    code.overwrite(
      node.start,
      keyword + "function".length,
      `var ${node.id.name}=(${node.async ? "async " : ""}function`,
    );
    code.remove(keyword + "function".length, node.id.end);
    if (node.generator) {
      // The star sat between `function` and the name, inside what was just removed.
      code.appendLeft(node.id.end, "*");
    }
    code.appendLeft(node.end, ");");
    if (node.start !== at) code.move(node.start, node.end, at);
    counts.declarations++;
  }

  return { code: code.toString(), counts };
}

function isFunction(node) {
  return (
    node?.type === "FunctionDeclaration" ||
    node?.type === "FunctionExpression" ||
    node?.type === "ArrowFunctionExpression"
  );
}

/** Where the `function` keyword of a function node is (after `async`, when there is one). */
function keywordAt(source, node) {
  return source.indexOf("function", node.start);
}

/** For each scope body, the function names declared in it more than once (by any declaration). */
function declaredTwice(ast) {
  const result = new Map();
  fullAncestor(ast, (node, _state, ancestors) => {
    if (node.type !== "Program" && node.type !== "BlockStatement") return;
    const seen = new Set();
    const twice = new Set();
    const add = (name) => (seen.has(name) ? twice.add(name) : seen.add(name));
    for (const statement of node.body) {
      if (statement.type === "FunctionDeclaration" && statement.id) add(statement.id.name);
      if (statement.type === "ClassDeclaration" && statement.id) add(statement.id.name);
      if (statement.type === "VariableDeclaration")
        for (const d of statement.declarations) if (d.id.type === "Identifier") add(d.id.name);
    }
    if (twice.size) result.set(node, twice);
    void ancestors;
  });
  return result;
}

/**
 * The start offsets of the functions that ran, from the V8 coverage files NODE_V8_COVERAGE wrote
 * into `dir`, for the script whose URL ends in `/${fileName}`.
 */
export function executedFunctions(coverages, fileName) {
  const offsets = new Set();
  for (const coverage of coverages) {
    for (const script of coverage.result) {
      if (!script.url.endsWith(`/${fileName}`)) continue;
      for (const fn of script.functions) {
        const [whole] = fn.ranges;
        // Offset 0 is the file itself (the module wrapper), which is always compiled.
        if (whole.count > 0 && whole.startOffset > 0) offsets.add(whole.startOffset);
      }
    }
  }
  return offsets;
}

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
export function markEager(source, offsets, { methods = offsets } = {}) {
  const ast = parse(source, {
    ecmaVersion: "latest",
    sourceType: "script",
    allowReturnOutsideFunction: true,
    allowHashBang: true,
  });
  const code = new MagicString(source);
  const counts = { expressions: 0, declarations: 0, methods: 0, skipped: 0 };
  const names = declaredTwice(ast);
  // V8 puts an async function's start at `async` or at `function`, depending on the version.
  const ran = (node) => offsets.has(node.start) || (node.async && offsets.has(keywordAt(source, node)));

  const classes = [];
  fullAncestor(ast, (node, _state, ancestors) => {
    if (node.type === "ClassExpression" || node.type === "ClassDeclaration") {
      classes.push({ node, ancestors: [...ancestors] });
      return;
    }
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

  // Last, once every function inside them has its parentheses: the slices taken here carry them.
  let helper = false;
  for (const { node, ancestors } of classes) helper = classMethods(node, ancestors) || helper;
  if (helper) {
    // After the directive prologue, so that a "use strict" there still applies.
    let first = 0;
    while (first < ast.body.length && ast.body[first].directive) first++;
    const end = first ? ast.body[first - 1].end : 0;
    code.appendLeft(end, `${end ? ";" : ""}var ${INSTALL}=${INSTALL_SOURCE};`);
  }
  return { code: code.toString(), counts };

  // A class's methods are compiled on every run, like object methods: V8 has no way to mark one
  // eager, and Node's cache holds only what was compiled with the file. commander is classes, and
  // its methods were most of what the CLI compiled at each start. So the methods that ran move out
  // of the class, as function expressions (made eager like any other) that INSTALL puts where the
  // class put them: on the prototype (or the class, for static ones), not enumerable, writable and
  // configurable, under the same name. Moved right after the class is made, in the same scope, so
  // the same bindings and the same strict mode apply. A method that names the class's own inner
  // name (`class t {...}` with a `t` inside: minified code gives classes and parameters the same
  // short names, so that was most of commander's methods) moves inside `((t) => ({...}))(C)`, where
  // that name is the class again. A method stays when moving it could change what it does: one
  // that uses super, a private name (or is in a class with any), new.target or assigns to the
  // class's inner name; a
  // getter, setter, constructor or computed name; a class with static blocks or initialised static
  // fields (which run while the class is made, before the methods would be there); a class that
  // is not assigned to a plain variable or declared in a block; or code that is not strict.
  function classMethods(node, ancestors) {
    const parent = ancestors[ancestors.length - 2];
    let name;
    let at;
    let wrap = false;
    let varInit = false;
    if (node.type === "ClassDeclaration") {
      if (!node.id || !["Program", "BlockStatement", "StaticBlock"].includes(parent?.type)) return false;
      name = node.id.name;
      at = node.end;
    } else if (parent?.type === "AssignmentExpression" && parent.operator === "=" && parent.right === node) {
      if (parent.left.type !== "Identifier") return false;
      name = parent.left.name;
      at = parent.end;
      wrap = true;
    } else if (
      parent?.type === "VariableDeclarator" &&
      parent.init === node &&
      parent.id.type === "Identifier" &&
      ancestors[ancestors.length - 3]?.kind === "var"
    ) {
      // `var C = (C = class {...}, install, C)`: a var is already there to assign to (a let or
      // const would still be in its dead zone).
      name = parent.id.name;
      at = node.end;
      wrap = true;
      varInit = true;
    } else return false;
    // Outside strict code a moved method says "use strict" itself, as its class body did; a
    // function with anything but plain parameters can't, so it stays.
    const strict = strictAt(ancestors);
    const body = node.body.body;
    if (
      body.some((m) => m.type === "StaticBlock" || (m.type === "PropertyDefinition" && m.static && m.value))
    )
      return false;
    const inner = node.id?.name;
    const movable = body.filter(
      (m) =>
        m.type === "MethodDefinition" &&
        m.kind === "method" &&
        !m.computed &&
        (m.key.type === "Identifier" || (m.key.type === "Literal" && typeof m.key.value === "string")) &&
        // V8 starts an async method at its `async`, any other at its name.
        (methods.has(m.key.start) ||
          (m.value.async && methods.has(source.lastIndexOf("async", m.key.start)))) &&
        (strict || m.value.params.every((p) => p.type === "Identifier")) &&
        !usesClassScope(m.value, inner),
    );
    if (!movable.length) return false;
    const entries = (isStatic) =>
      movable
        .filter((m) => m.static === isStatic)
        .map((m) => {
          const key = m.key.type === "Identifier" ? m.key.name : JSON.stringify(m.key.value);
          const fn = m.value;
          const head = `${fn.async ? "async " : ""}function${fn.generator ? "*" : ""}`;
          const text = code.slice(fn.start, fn.end);
          if (strict) return `${key}:(${head}${text})`;
          const open = fn.body.start - fn.start + 1;
          return `${key}:(${head}${text.slice(0, open)}"use strict";${text.slice(open)})`;
        })
        .join(",");
    // The inner name, where a moved method uses it, bound to the class around the moved methods.
    const bind = (isStatic) =>
      inner !== undefined && movable.some((m) => m.static === isStatic && mentions(m.value, inner));
    const object = (isStatic) =>
      bind(isStatic) ? `((${inner})=>({${entries(isStatic)}}))(${name})` : `{${entries(isStatic)}}`;
    const install = `${INSTALL}(${name},${object(false)},${object(true)})`;
    for (const m of movable) code.remove(m.start, m.end);
    if (varInit) {
      code.prependRight(node.start, `(${name}=`);
      code.prependLeft(at, `,${install},${name})`);
    } else if (wrap) {
      code.prependRight(parent.start, "(");
      code.prependLeft(at, `,${install},${name})`);
    } else code.prependLeft(at, `;${install};`);
    counts.methods += movable.length;
    return true;
  }

  /** Whether the code at the end of `ancestors` is strict: a "use strict" on the way up. */
  function strictAt(ancestors) {
    return ancestors.some((a) => {
      const list =
        a.type === "Program" ? a.body : isFunction(a) && a.body.type === "BlockStatement" ? a.body.body : [];
      for (const st of list) {
        if (st.type !== "ExpressionStatement" || !st.directive) break;
        if (st.directive === "use strict") return true;
      }
      return false;
    });
  }
}

/** Puts moved methods where their class had them: see classMethods in markEager. */
const INSTALL = "__eagerMethods";
const INSTALL_SOURCE =
  "(function(c,p,s){for(var k in p)Object.defineProperty(c.prototype,k,{value:p[k],writable:true,configurable:true});" +
  "for(var k in s)Object.defineProperty(c,k,{value:s[k],writable:true,configurable:true})})";

/**
 * Whether a method's function needs its class around it: super, new.target, a private name, or an
 * assignment to the class's own inner name (which the class makes a constant; the binding the moved
 * methods get is a parameter). Reading the inner name is fine: see classMethods.
 */
function usesClassScope(fn, inner) {
  let uses = false;
  fullAncestor(fn, (node) => {
    if (uses) return;
    if (
      node.type === "Super" ||
      node.type === "MetaProperty" ||
      node.type === "PrivateIdentifier" ||
      (node.type === "MemberExpression" && node.property.type === "PrivateIdentifier")
    )
      uses = true;
    else if (
      inner &&
      ((node.type === "AssignmentExpression" && assigns(node.left, inner)) ||
        (node.type === "UpdateExpression" && assigns(node.argument, inner)) ||
        ((node.type === "ForInStatement" || node.type === "ForOfStatement") && assigns(node.left, inner)))
    )
      uses = true;
  });
  return uses;
}

/** Whether an assignment target (a pattern) writes to the plain name `name`. */
function assigns(target, name) {
  switch (target?.type) {
    case "Identifier":
      return target.name === name;
    case "ObjectPattern":
      return target.properties.some((p) => assigns(p.type === "RestElement" ? p.argument : p.value, name));
    case "ArrayPattern":
      return target.elements.some((e) => assigns(e, name));
    case "AssignmentPattern":
      return assigns(target.left, name);
    case "RestElement":
      return assigns(target.argument, name);
    // `t.x = 1` writes to a property; `for (let t of ...)` declares a new t.
    default:
      return false;
  }
}

/** Whether an identifier `name` appears in a function anywhere but as a property key. */
function mentions(fn, name) {
  let hit = false;
  fullAncestor(fn, (node, _state, ancestors) => {
    if (hit || node.type !== "Identifier" || node.name !== name) return;
    const parent = ancestors[ancestors.length - 2];
    const isKey =
      (parent?.type === "MemberExpression" && parent.property === node && !parent.computed) ||
      (["Property", "MethodDefinition", "PropertyDefinition"].includes(parent?.type) &&
        parent.key === node &&
        !parent.computed &&
        !parent.shorthand);
    if (!isKey) hit = true;
  });
  return hit;
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
 * The start offsets of the functions that ran in every one of the runs that loaded the script
 * whose URL ends in `/${fileName}`, but for at most `spare` of them: the methods markEager moves
 * out of their classes. Moved, a method is compiled with the file and its code read from the cache
 * on every run, so only those (nearly) every run calls pay for themselves (measured: moving every
 * method that any sample run called made `sections` cost 2.5 million instructions more, while
 * --help, which calls the help formatter's, cost 2.7 million less).
 */
export function commonFunctions(coverages, fileName, spare = 0) {
  const loaded = coverages.filter((c) => c.result.some((s) => s.url.endsWith(`/${fileName}`))).length;
  return loaded ? executedFunctions(coverages, fileName, Math.max(1, loaded - spare)) : new Set();
}

/**
 * The start offsets of the functions that ran in at least `minRuns` of the runs whose V8 coverage
 * is given (one per process NODE_V8_COVERAGE saw), for the script whose URL ends in `/${fileName}`.
 */
export function executedFunctions(coverages, fileName, minRuns = 1) {
  const runs = new Map();
  for (const coverage of coverages) {
    const ran = new Set();
    for (const script of coverage.result) {
      if (!script.url.endsWith(`/${fileName}`)) continue;
      for (const fn of script.functions) {
        const [whole] = fn.ranges;
        // Offset 0 is the file itself (the module wrapper), which is always compiled.
        if (whole.count > 0 && whole.startOffset > 0) ran.add(whole.startOffset);
      }
    }
    for (const o of ran) runs.set(o, (runs.get(o) ?? 0) + 1);
  }
  return new Set([...runs].filter(([, n]) => n >= minRuns).map(([o]) => o));
}

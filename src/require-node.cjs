// Runs before the service (npm start) on whatever Node is first on the PATH, so it is plain
// JavaScript: on a Node that cannot run TypeScript by type stripping, one line says what to do
// instead of a stack trace about an unknown ".ts" extension.
'use strict';
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  console.error(
    `paxscreen needs Node 24 or newer (this is ${process.version}): run npm install first, which brings Node 26.10.0 into node_modules, then npm start`,
  );
  process.exit(1);
}

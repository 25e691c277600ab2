// Reads {"statements": [...], "schema": {...}} on stdin; prints one JSON array of diagnostics per statement.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { statements, schema } = JSON.parse(input);
  const results = statements.map((statement) => {
    const params = {};
    for (const match of statement.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)) params[match[1]] = null;
    const { diagnostics } = lintCypherQuery(statement, { ...schema, parameters: params });
    return diagnostics.map((d) => ({ severity: d.severity, message: d.message }));
  });
  process.stdout.write(JSON.stringify(results));
});

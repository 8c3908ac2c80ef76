// Starts dynalite (its own cli.js, with the same arguments) in a process that survives a client
// aborting a request. dynalite throws from a request's 'error' handler
// (index.js: req.on('error', function (err) { throw err })), so one request cut off mid-body
// (ECONNRESET, "aborted") ends the whole server, and every later test finds its port closed.
// Clients do cut requests short: every DynamoDB call here has a timeout, and the tests freeze
// and stop dependencies on purpose. DynamoDB itself shrugs such a request off; so does this
// server: an aborted request is logged and the server goes on. Any other error still ends it.
process.on('uncaughtException', (err) => {
  if (err && (err.code === 'ECONNRESET' || err.message === 'aborted')) {
    console.error('dynalite: a client aborted a request (' + err.message + '); serving on')
    return
  }
  console.error(err)
  process.exit(1)
})
require('dynalite/cli.js')

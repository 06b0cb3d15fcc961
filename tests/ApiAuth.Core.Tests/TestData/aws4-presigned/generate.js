// Records the aws4 fixtures: GETs presigned by npm `aws4` (signQuery: true) for execute-api. aws4 adds
// X-Amz-Expires only for S3, so without one in the path the request has none. From a folder holding `npm install aws4`:
//   node generate.js > get-presigned-no-expires.txt
//   node generate.js 60 > get-presigned-expires-60.txt
'use strict'
const aws4 = require('aws4')

const expires = process.argv[2]
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' }
const signed = aws4.sign({
  service: 'execute-api',
  region: 'us-east-1',
  method: 'GET',
  host: 'abc123.execute-api.us-east-1.amazonaws.com',
  // A fixed signing time: aws4 keeps an X-Amz-Date already in the query (aws4.js, prepareRequest).
  path: '/prod/pets/42?limit=10&type=dog&X-Amz-Date=20240501T120000Z' + (expires ? '&X-Amz-Expires=' + expires : ''),
  signQuery: true,
}, credentials)

process.stdout.write(`${signed.method} ${signed.path} HTTP/1.1\nHost:${signed.headers.Host}\n\n`)

// Reads a JSON array of requests on stdin and answers a JSON array on stdout, using node-webot's wechat-crypto only.
'use strict';
const WXBizMsgCrypt = require('wechat-crypto');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const answers = JSON.parse(input).map(handle);
  process.stdout.write(JSON.stringify(answers) + '\n');
});

function handle(request) {
  const crypt = new WXBizMsgCrypt(request.token, request.encodingAesKey, request.appId);
  let answer;
  if (request.op === 'encrypt') {
    const encrypt = crypt.encrypt(request.message);
    answer = { encrypt, msgSignature: crypt.getSignature(request.timestamp, request.nonce, encrypt) };
  } else if (request.op === 'decrypt') {
    const expected = crypt.getSignature(request.timestamp, request.nonce, request.encrypt);
    const result = crypt.decrypt(request.encrypt);
    answer = { signatureValid: expected === request.msgSignature, message: result.message, appId: result.id };
  } else {
    throw new Error('unknown op');
  }
  return answer;
}

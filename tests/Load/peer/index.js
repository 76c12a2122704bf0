// The peer of tests/Load/run-perf.sh: CitizenBot's report conversation written the way Microsoft's samples write it,
// with botbuilder-js 4.23 (CloudAdapter, MemoryStorage, a waterfall with prompts), served on POST /api/messages.
// Callers use deliveryMode "expectReplies", so the replies come back in the response body.
// The questions are CitizenBot's own (tests/CitizenBot.Dialogs.Tests/FlowTranscripts/01-report-full.transcript).
'use strict';

const http = require('http');
const {
  ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, ConversationState, MemoryStorage, MessageFactory,
} = require('botbuilder');
const {
  AttachmentPrompt, ChoicePrompt, ComponentDialog, DialogSet, DialogTurnStatus, ListStyle, TextPrompt, WaterfallDialog,
} = require('botbuilder-dialogs');

const port = Number(process.env.PORT || 5183);
const CATEGORIES = ['消防/安全隐患', '私搭乱建/违法建设', '市容环境', '公共设施损坏', '其他'];
const MENU = ['事件上报', '法律咨询', '预约调解', '我的上报', '流动网格员'];

// The sample grid (bot/Geo/sample-grids.geojson): 0.01° cells from 30.00 N, 120.00 E.
function gridOf(lat, lng) {
  const row = Math.floor((lat - 30.0) / 0.01);
  const col = Math.floor((lng - 120.0) / 0.01);
  if (row < 0 || row > 2 || col < 0 || col > 3) return null;
  return `示例街道青松社区 第${row * 2 + col % 2 + 1}网格`;
}

function geoOf(activity) {
  const entity = (activity.entities || []).find((e) => e.type === 'GeoCoordinates');
  return entity && typeof entity.latitude === 'number' ? entity : null;
}

class ReportDialog extends ComponentDialog {
  constructor() {
    super('report');
    this.addDialog(new ChoicePrompt('choice', null, 'zh-cn'))
      .addDialog(new AttachmentPrompt('photos', async (p) => p.recognized.succeeded || p.context.activity.text === '跳过'))
      .addDialog(new TextPrompt('location', async (p) => geoOf(p.context.activity) !== null || (p.recognized.value || '').length >= 4))
      .addDialog(new TextPrompt('text', async (p) => (p.recognized.value || '').trim().length >= 2))
      .addDialog(new WaterfallDialog('steps', [
        (step) => step.prompt('choice', { prompt: '请选择要上报的问题类别：', choices: CATEGORIES, style: ListStyle.suggestedAction }),
        (step) => {
          step.values.category = step.result.value;
          return step.prompt('photos', {
            prompt: MessageFactory.suggestedActions(['跳过'], '请拍摄或上传现场照片（最多9张），可以一次发多张。'),
          });
        },
        (step) => {
          step.values.photos = Array.isArray(step.result) ? step.result.length : 0;
          return step.prompt('location', '问题在哪里？请发送位置（微信点“+”选“位置”，网页点“发送我的位置”），或输入详细地址。');
        },
        async (step) => {
          const geo = geoOf(step.context.activity);
          step.values.place = geo ? gridOf(geo.latitude, geo.longitude) || '服务区域外' : step.result;
          if (geo) await step.context.sendActivity(`已定位：${step.values.place}。`);
          return step.prompt('text', '请简单描述一下问题：什么情况、从什么时候开始、影响到哪些人（500字以内）。');
        },
        (step) => {
          step.values.description = step.result;
          return step.prompt('choice', {
            prompt: '是否留下联系方式？工作人员可能需要回电核实情况。\n匿名后工作人员无法回电核实，处理进展仍会在这里通知您。',
            choices: ['留下联系方式', '匿名上报'],
            style: ListStyle.suggestedAction,
          });
        },
        async (step) => {
          if (step.result.value === '匿名上报') {
            step.values.contact = '匿名';
            return step.next();
          }
          return step.prompt('text', '请问怎么称呼您？例如“王女士”。');
        },
        (step) => {
          const v = step.values;
          if (v.contact !== '匿名') v.contact = step.result;
          return step.prompt('choice', {
            prompt: `请核对上报内容：\n类别：${v.category}\n照片：${v.photos}张\n位置：${v.place}\n描述：${v.description}\n联系方式：${v.contact}\n确认提交吗？`,
            choices: ['是', '否'],
            style: ListStyle.suggestedAction,
          });
        },
        async (step) => {
          if (step.result.value !== '是') {
            await step.context.sendActivity('好的，已取消。');
            return step.endDialog();
          }
          const number = `${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${String(++ReportDialog.tickets).padStart(4, '0')}`;
          await step.context.sendActivity(`上报成功！\n工单编号：${number}\n工作人员会尽快受理。受理、派单、办结时都会在这里通知您，也可以随时回复“我的上报”查看进度。`);
          return step.endDialog();
        },
      ]));
    this.initialDialogId = 'steps';
  }
}
ReportDialog.tickets = 0;

class PeerBot extends ActivityHandler {
  constructor(conversationState) {
    super();
    const dialogState = conversationState.createProperty('DialogState');
    const dialogs = new DialogSet(dialogState).add(new ReportDialog());
    this.onMessage(async (context, next) => {
      const dc = await dialogs.createContext(context);
      let result = await dc.continueDialog();
      if (result.status === DialogTurnStatus.empty) {
        if ((context.activity.text || '').includes('事件上报')) {
          result = await dc.beginDialog('report');
        } else {
          await context.sendActivity(MessageFactory.suggestedActions(MENU, '您好！这里是县社会治理综合服务中心，我是智能助手。有什么可以帮您？\n您可以直接说出要办的事，或从下面选择：'));
        }
      }
      if (result.status === DialogTurnStatus.complete) {
        await context.sendActivity('还有其他需要帮忙的吗？');
      }
      await next();
    });
    this.onTurn(async (context, next) => {
      await next();
      await conversationState.saveChanges(context, false);
    });
  }
}

// No MicrosoftAppId: botbuilder accepts anonymous requests, as the Emulator does on localhost.
const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
adapter.onTurnError = async (context, error) => {
  console.error(error);
  await context.sendActivity('出错了，请稍后再试。');
};
const bot = new PeerBot(new ConversationState(new MemoryStorage()));

// CloudAdapter.process wants a parsed body and an express/restify-like response; Node's own http is enough for that.
http.createServer((req, res) => {
  if (req.method !== 'POST' || req.url !== '/api/messages') {
    res.statusCode = 404;
    res.end();
    return;
  }
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    try {
      req.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      res.statusCode = 400;
      res.end();
      return;
    }
    const response = {
      status(code) { res.statusCode = code; },
      header(name, value) { res.setHeader(name, value); },
      send(body) {
        if (body === undefined) return;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.write(typeof body === 'string' ? body : JSON.stringify(body));
      },
      end() { res.end(); },
      socket: res.socket,
    };
    adapter.process(req, response, (context) => bot.run(context)).catch((error) => {
      console.error(error);
      if (!res.writableEnded) { res.statusCode = 500; res.end(); }
    });
  });
}).listen(port, '127.0.0.1', () => console.log(`peer listening on http://127.0.0.1:${port}/api/messages`));

import { COMPARE_RUNS } from '../simulate/limits.js';
import { helpAfterZhCNb } from './help-after-b.zh-CN.js';

/**
 * `--help` 的中文版：命令的摘要和说明、选项和参数的说明，按命令名和长选项名给出。
 * 英文原文在各命令的 register() 中；test/i18n/help.test.ts 检查每个命令、选项和参数都有译文。
 */
export interface CommandHelp {
  summary: string;
  description: string;
  options: Record<string, string>;
  args?: Record<string, string>;
  /** The text after the options (examples, notes, exit codes), in place of the English one. */
  after?: string;
}

export const programHelpZhCN = {
  description: 'CRM 业务流程即代码：校验、检查、绘制、仿真、比较和导出分层的 YAML 流程。',
  options: {
    '--version': '打印版本号',
    '--help': '显示帮助',
    '--lang': '消息的语言：en 或 zh-CN（默认：crmflow.yaml 中的 lang:，否则看 LC_ALL / LC_MESSAGES / LANG）',
  } as Record<string, string>,
  helpCommand: '显示某个命令的帮助',
};

const CWD = '按在此目录中启动的方式运行';
const PATHS = '流程文件或目录（默认：项目中的所有流程）';
const SIM_SEED = '--simulate 的随机种子（默认：crmflow.yaml 的 simulate.seed，否则 42）';
const SIM_CASES = '--simulate 每次仿真的案例数（默认：crmflow.yaml 的 simulate.cases，否则为样例数据行数，再否则 1000）';
const SIM_DATA = '--simulate 的样例案例（默认：crmflow.yaml 的 simulate.data，从工作区读取）';

// Examples, notes and exit codes of simulate, calibrate, conform and discover (the English is in their register()).
const SIMULATE_AFTER = `
示例：
  $ crmflow simulate lead-to-cash
  $ crmflow simulate lead-to-cash --cases 10000 --runs 5
  $ crmflow simulate discount-approval --set roles.sales-manager.headcount=3 --compare --runs 5
  $ crmflow simulate lead-to-cash --set steps.discount-approval/manager-approval.duration=1h --compare
  $ crmflow simulate lead-to-cash --scenario more-managers --compare   （场景写在 crmflow.yaml 的 scenarios: 中）
  $ crmflow simulate lead-to-cash --format markdown > handout.md --chart cycle-time.svg
  $ crmflow simulate lead-to-cash --format json | jq .cycleTime
  $ crmflow simulate contract-and-payment --no-data     使用开始步骤的 arrivals
  $ crmflow simulate lead-to-cash --data leads.csv --skip-bad-rows
  $ crmflow simulate lead-to-cash --events sim.csv    供 pm4py、Disco、crmflow conform 使用的事件日志
  $ crmflow simulate lead-to-cash --ui
  $ crmflow simulate loan-application --calibration calibration.yaml --against test.csv.gz --chart against.svg

JSON 中的时间以分钟计。--set 的路径：roles.<role>.headcount|calendar、
steps.<process>/<step>.<field>（duration、sla.within、on.<name>.probability、branches.<i>.probability、
arrivals.every）、calendars.<id>.hours|timezone、kpis.<id>.target.p90。

--compare 默认每边重复运行 ${COMPARE_RUNS} 次（可用 --runs 改，至少 2 次）：两边看到相同的到达、
数据行和每个案例的随机抽样，并用 Welch t 检验（5 %）标明每处变化是否显著。利用率从第一个
计入统计的到达量到最后一个到达，结尾的收尾阶段不会把它拉低。

数据列按 crmflow.yaml 的 fields: 中声明的类型读取（crmflow fields --infer data.csv 可给出建议）；
不符合类型的值会报错，并指出它的行和列。

退出码：0 已仿真；1 流程有校验错误，或条件在部分数据行上出错（见“条件错误”）；
2 无法运行（参数、数据或流程有误，或 --ui 没有终端）。`;
const CALIBRATE_AFTER = `
示例：
  $ crmflow calibrate loan-application --log train.csv.gz -o calibration.yaml
  $ crmflow simulate loan-application --calibration calibration.yaml --against test.csv.gz
  $ crmflow calibrate lead-to-cash --log history.csv --map case=OpportunityId,activity=StageName,end=CreatedDate --write
  $ crmflow calibrate opportunity-stages --log OpportunityFieldHistory.csv --preset salesforce-field-history -o calibration.yaml
  $ crmflow calibrate loan-application --log train.xes -o calibration.yaml --format json | jq .fits
  $ crmflow calibrate opportunity-stages --log data/crm-events.csv --preset salesforce-field-history --only routing,arrivals -o calibration.yaml

观测少于 10 次的数字不做拟合：它们列在 too-few 下，流程保留自己的值。日志中没有时区偏移的时间按 UTC 读取。
每个事件只有一个时间戳（阶段历史）时，在某阶段的时间是经过时间：等待、工作和夜间都算在内。
把它当作工作时间拟合，会让有日历的角色超负荷；用 --only routing,arrivals 保留模型自己的工作时间。

退出码：0 已校准；2 无法运行（日志、映射、流程或文件有误）。`;
const CONFORM_AFTER = `
示例：
  $ crmflow conform opportunity-stages --log data/crm-events.csv
  $ crmflow conform opportunity-stages --log export.csv --map case=OpportunityId,activity=StageName,end=CreatedDate
  $ crmflow conform opportunity-stages --log OpportunityFieldHistory.csv --preset salesforce-field-history
  $ crmflow conform loan-application --log loans.xes.gz --min-fitness 0.9      CI 门禁
  $ crmflow conform loan-application --log loans.xes --format json | jq .fitness
  $ crmflow conform lead-to-cash --log leads.csv --format markdown > conformance.md

日志中的活动按步骤的 activity:（一个名称或列表）对应到步骤，否则按步骤的名称或 id，
不区分大小写、空格、"-" 和 "_"。名为 case_id / case:concept:name、activity / concept:name、
start_time、end_time / time:timestamp、resource / org:resource 的列无需 --map 即可识别。
报告会说明日志是有开始和结束时间，还是每个事件只有一个时间戳。

退出码：0 已重放（且不低于 --min-fitness）；1 低于 --min-fitness，或流程有校验错误；
2 无法运行（未知流程、无法读取的日志、参数有误）。`;
const DISCOVER_AFTER = `
示例：
  $ crmflow discover --log loan-applications.csv.gz -o processes/operation/loan-application.yaml
  $ crmflow discover --log OpportunityFieldHistory.csv --preset salesforce-field-history --id opportunity-stages
  $ crmflow discover --log events.jsonocel --object Opportunity --noise 0.1
  $ crmflow discover --log export.csv --map case=OpportunityId,activity=StageName,end=CreatedDate --format json | jq .notes

每个事件只有一个时间戳（进入阶段的时间）时，步骤的时长是到下一个事件的时间，包含等待；
有开始和结束时间时，它就是工作本身。报告会说明是哪一种。
退出码：0 已起草；1 已起草但草稿未通过校验；2 无法运行（没有日志、--map 有误、
无法读取的日志、已有文件但没有 --force）。`;

export const helpZhCN: Record<string, CommandHelp> = {
  init: {
    after: helpAfterZhCNb.init,
    summary: '生成一个带 lead-to-cash 示例的项目',
    description: '创建 crmflow.yaml、分三层（战略层、核心层、操作层）的 lead-to-cash 示例、JSON Schema 和样例案例数据。',
    options: { '--force': '覆盖已存在的文件', '--example': '使用哪个示例：lead-to-cash（默认）或 after-sales-zh（售后工单，中文）' },
    args: { dir: '在哪个目录中创建项目' },
  },
  validate: {
    summary: '检查 schema、引用和条件',
    description:
      '按 schema 检查流程文件，解析每个引用（步骤、角色、流程、日历、KPI），解析每个 CEL 条件，并对照 crmflow.yaml 的 fields: 检查条件和动作模板（未知字段、类型、枚举值）。',
    options: { '--format': '输出格式：stylish、json', '--cwd': CWD },
    args: { paths: PATHS },
  },
  lint: {
    summary: '找出建模问题：死胡同、缺少异常路径、重复……',
    description:
      '对流程运行检查规则（crmflow explain 会列出它们）以及校验检查，并报告带位置的问题。规则在 crmflow.yaml 的 lint: 下配置；# crmflow-disable-next-line <rule> -- <reason> 可屏蔽单个问题。',
    options: {
      '--format': '输出格式：stylish、json、sarif、github',
      '--max-warnings': '警告多于 n 个时以 1 退出',
      '--rule': '把某条规则设为 off、warn 或 error（可重复）',
      '--quiet': '只报告错误',
      '--cwd': CWD,
    },
    args: { paths: '要报告的流程文件或目录（默认：项目中的所有流程）' },
  },
  explain: {
    after: helpAfterZhCNb.explain,
    summary: '某条检查规则查什么、为什么、如何修正',
    description: '打印某条检查规则查什么、为什么重要、如何修正问题、它的选项，以及一个错误示例和一个正确示例。不给规则时列出所有规则。',
    options: { '--format': '输出格式：text、json' },
    args: { rule: '规则 id，例如 dead-end' },
  },
  render: {
    after: helpAfterZhCNb.render,
    summary: '绘制泳道图（SVG、PNG、Mermaid），可按层下钻',
    description:
      '把每个流程画成泳道图：每个角色一条泳道，类似 BPMN 的图形，异常路径为虚线。每个流程写一个文件，外加各层（战略层 → 核心层 → 操作层）的索引；子流程步骤链接到它所调用流程的图。',
    options: {
      '--output': '写入的目录（默认：项目中的 docs/diagrams；mermaid 不加 -o 时打印到 stdout）',
      '--format': '输出格式：svg、png、mermaid',
      '--theme': '配色主题：light、dark',
      '--font': 'PNG 使用的额外字体文件（可重复），例如一个中日韩字体',
      '--json': '以 JSON 打印写出的内容：{ outDir, format, files: [{ process, path }], warnings: [], broken: [{ file, id, line, column, message }] }',
      '--no-cache': '重新布局每张图，而不是复用 .crmflow/cache/render/ 中保存的布局',
      '--direction': '流程的走向：right（泳道为横条，从左到右，默认）或 down（泳道为竖列，从上到下，即跨职能流程图）；默认取 crmflow.yaml 的 render.direction',
      '--cwd': CWD,
    },
    args: { paths: PATHS },
  },
  simulate: {
    summary: '在样例案例上仿真流程：周期时间、瓶颈、SLA、KPI',
    description:
      '对流程及其调用的所有内容做离散事件仿真（DESIGN §7）：案例来自 --data 或开始步骤的 arrivals，角色是按日历工作的人员池，另有 SLA 和 KPI。相同的种子，相同的报告。',
    after: SIMULATE_AFTER,
    options: {
      '--data': 'CSV 或 JSON 案例数据（默认：crmflow.yaml 中的 simulate.data）',
      '--no-data': '忽略 simulate.data：案例来自开始步骤的 arrivals',
      '--skip-bad-rows': '跳过取值与声明字段不符的数据行（给出数量警告），而不是以 2 退出',
      '--cases': '每次运行的案例数，最多 10,000,000（默认：数据行数，否则 1000）',
      '--seed': '随机种子（默认 42）',
      '--runs': '重复运行次数，用于 95 % 置信区间（在工作线程上运行），最多 100；--compare 时为 5',
      '--warmup': '每次运行开头不计入统计的案例数',
      '--max-steps': '案例经过这么多步骤后停止（失控循环）；默认 1000',
      '--set': '覆盖设置，例如 roles.sales-manager.headcount=3（可重复）',
      '--scenario': '应用 crmflow.yaml 中的一个命名场景',
      '--compare': '基线与场景（--scenario / --set）并排对比，使用公共随机数，每处变化标明是否显著',
      '--format': '输出格式：text、json、markdown',
      '--chart': '同时把周期时间分布和瓶颈图写成 SVG',
      '--events': '同时把仿真的案例写成事件日志：每个任务或审批一行（case_id, activity, step, resource, role, start_time, end_time）',
      '--calibration': '使用 crmflow calibrate 拟合出的时长、概率、到达、人数和工作时间',
      '--against': '与记录的事件日志对比：周期时间距离（小时）、3-gram 距离、各步骤的时长和频率（案例数默认取日志的）',
      '--against-map': '--against 日志的列，同 calibrate 的 --map',
      '--against-preset': '把 --against 日志当作 CRM 导出读取，同 calibrate 的 --preset',
      '--ui': '交互式研讨视图（需要终端）：用 +/- 调整人数，r 重新运行，c 对比，q 退出',
      '--no-progress': '不在 stderr 上显示进度',
      '--cwd': CWD,
    },
    args: { process: '要仿真的流程 id，例如 lead-to-cash' },
  },
  fields: {
    after: helpAfterZhCNb.fields,
    summary: '根据样例数据建议 crmflow.yaml 的 fields: 块',
    description: '读取样例案例的 CSV，打印 crmflow.yaml 的 fields: 块：每列的类型（boolean、integer、number、date、datetime、带取值的 enum、string），可直接粘贴后再审阅。',
    options: { '--infer': '用来推断字段的 CSV（第一行：列名）', '--format': '输出格式：yaml、json', '--cwd': CWD },
  },
  schema: {
    after: helpAfterZhCNb.schema,
    summary: '为编辑器写出 JSON Schema',
    description: '写出由 crmflow 模型生成的 process.schema.json 和 config.schema.json，让编辑器补全并解释每个字段。',
    options: {
      '--out': '写入的目录',
      '--check': '只检查目录中的文件是否最新（不是则以 1 退出，没有该目录则以 2 退出）',
      '--stdout': '打印一个 schema（process 或 config），而不是写文件',
    },
  },
  diff: {
    after: helpAfterZhCNb.diff,
    summary: 'git 版本之间流程的语义比较',
    description:
      '逐步比较两个 git 版本（默认：HEAD 对比工作区）的流程：新增、删除、改名或修改的流程和步骤（每个字段的前 → 后）、新增和删除的连线、新增和解决的问题，使用 --simulate 时还有周期时间的前 → 后。',
    options: {
      '--format': '输出格式：text、json、markdown（markdown 是带 Mermaid 图的 pull request 评论）',
      '--simulate': '在两边（相同的数据和种子）仿真每个有变化的流程，报告周期时间 p50/p90',
      '--svg': '为每个有变化的流程写出 <process>.svg（有步骤被删除时还有 <process>.before.svg），新增、删除和修改的步骤着色',
      '--runs': '--simulate 每边的重复运行次数，与 simulate --compare 一样使用公共随机数；每处变化用 Welch t 检验（默认 5；1 只运行一次，不做检验）',
      '--exit-code': '有变化时以 1 退出，没有变化时以 0 退出（同 git diff --exit-code）',
      '--seed': SIM_SEED,
      '--cases': SIM_CASES,
      '--data': SIM_DATA,
      '--cwd': CWD,
    },
    args: { revisions: '之前和之后：各为一个提交、分支或标签（默认 HEAD 和工作区）；也可写 A..B；路径写在 -- 之后' },
  },
  review: {
    after: helpAfterZhCNb.review,
    summary: '一段 git 时期内流程变更的季度复盘',
    description:
      '复盘一段时期内的每个流程变更：每个流程的提交（哈希、日期、作者、标题）、从时期开始到结束的净语义变化、新增和解决的问题，使用 --simulate 时还有每次涉及它的提交之后的周期时间。顶部的汇总说明变化最多的是什么、什么变慢或变快了。',
    options: {
      '--since': '时期的开始：日期（YYYY-MM-DD）或版本（必填）',
      '--until': '时期的结束：日期（包含当天全天）或版本（默认 HEAD）',
      '--branch': '以其第一父提交历史界定时期的分支：提交从落到该分支时算起，例如其 pull request 合并之时（默认当前分支）',
      '--tz': '界定时期和显示日期所用的 IANA 时区，例如 Asia/Shanghai（默认本机的，设置了 TZ 时用 TZ）',
      '--runs': '--simulate 每边的重复运行次数，与 simulate --compare 一样使用公共随机数；每处变化用 Welch t 检验（默认 5；1 只运行一次，不做检验）',
      '--format': '输出格式：markdown、json',
      '--output': '把报告写到这个文件，而不是 stdout',
      '--simulate': '在时期开始时以及每次涉及它的提交之后仿真每个流程（结果按内容缓存）',
      '--seed': SIM_SEED,
      '--cases': SIM_CASES,
      '--data': SIM_DATA,
      '--cwd': CWD,
    },
  },
  export: {
    after: helpAfterZhCNb.export,
    summary: '把流程导出为 BPMN 2.0（可部署到 Camunda 8）',
    description:
      '把流程导出为带布局（角色为泳道）的 BPMN 2.0 XML。使用 --target camunda8 时，文件带有 Camunda 8 部署所需的 Zeebe 扩展：作业类型、候选组、FEEL 条件、被调用的流程。',
    options: {
      '--output': '要写的文件，或写入 <id>.bpmn 的目录（--all 时：目录）；默认 stdout',
      '--target': 'bpmn（适用于任何建模工具的普通 BPMN 2.0）或 camunda8',
      '--camunda-version': '--target camunda8 的目标 Camunda 8 版本（例如 8.4.0；默认 8.8.0）',
      '--format': '输出格式：bpmn、mermaid、json（json：XML 和说明的 JSON）',
      '--all': '导出项目中的每个流程（需要 -o <目录>）',
      '--cwd': CWD,
    },
    args: { process: '流程 id 或流程文件' },
  },
  import: {
    after: helpAfterZhCNb.import,
    summary: '把 BPMN 2.0 图转为 crmflow YAML',
    description:
      '读取 BPMN 2.0 文件（Camunda Modeler、bpmn.io、Bizagi、Signavio），为每个 BPMN 流程写一个 crmflow 流程：泳道成为角色，任务、网关、事件、边界定时器和调用活动成为步骤、SLA 和异常路径。没有 crmflow 对应形式的内容都会列出，绝不悄悄丢弃。',
    options: {
      '--output': '为每个流程写入一个 <process-id>.yaml 的目录（默认：stdout）',
      '--layer': '导入流程所在的层：strategy、core、operation',
      '--format': '输出格式：yaml、json',
      '--force': '覆盖输出目录中已有的文件',
      '--cwd': CWD,
    },
    args: { file: '.bpmn 文件' },
  },
  'git-diff': {
    summary: 'git 外部 diff 驱动：在 git diff 和 git log -p 中显示流程的语义差异',
    description: '由 git 调用，而不是手工运行：在普通的 git diff、git log -p 和 git show 中把流程文件显示为语义变化（步骤、字段、连线、问题）。不是流程的文件显示为普通文本 diff。',
    options: {},
    args: { args: 'path old-file old-hex old-mode new-file new-hex new-mode，与 git 传入的一致' },
  },
  site: {
    after: helpAfterZhCNb.site,
    summary: '把流程发布为静态 HTML 门户（层级树、流程图、角色、历史）',
    description:
      '写出项目的静态离线 HTML 门户：首页有层级树（负责人、步骤数、检查状态）和 KPI 对比目标；每个流程一页，含流程图（平移、缩放、下钻）、步骤、检查问题、以热力叠加显示的最近一次仿真，以及链接到每次提交差异的近期 git 历史；每个角色一页，列出它做的每个步骤（职责矩阵）。可直接从磁盘或 GitHub Pages 打开；不需要服务器，也不用 CDN。',
    options: {
      '--output': '写入门户的目录，例如 site/',
      '--no-simulate': '不做仿真（更快）',
      '--no-history': '不包含 git 历史',
      '--cases': '每个流程仿真的案例数（默认 300）',
      '--seed': '仿真的随机种子（默认：crmflow.yaml，否则 42）',
      '--diffs': '生成差异页面的最新提交数（默认 20）',
      '--json': '以 JSON 打印写出的内容：{ outDir, files: [], bytes, homeBytes, notes: [] }',
      '--cwd': CWD,
    },
  },
  roles: {
    after: helpAfterZhCNb.roles,
    summary: '职责矩阵：每个角色在各流程中做什么、SLA、利用率',
    description: '列出每个角色在所有流程中做的每个步骤（R：执行；A：审批或负责该流程），以及 SLA 和超时去向，还有该角色的仿真利用率（对顶层流程仿真得到的最高值）。',
    options: {
      '--format': '输出格式：markdown、csv、json',
      '--no-simulate': '不包含利用率（不仿真）',
      '--cases': '每个顶层流程仿真的案例数（默认 300）',
      '--seed': '随机种子（默认：crmflow.yaml，否则 42）',
      '--cwd': CWD,
    },
  },
  calibrate: {
    summary: '根据事件日志拟合时长、概率、到达和人数',
    description:
      '根据事件日志（CSV、XES，也可以是 .gz）拟合流程：每个步骤的时长（fixed、exponential、normal、lognormal、gamma、uniform、triangular 或 empirical：矩匹配，截断到观测范围，取 Wasserstein 距离最接近数据的一个）、每个分支和 on 的概率（观测频率）、按星期和小时的到达率、每个角色的人数（不同的资源）和工作时间。写出供 simulate --calibration 使用的叠加文件，或用 --write 直接修改流程文件。',
    after: CALIBRATE_AFTER,
    options: {
      '--log': '事件日志：.csv、.xes 或 OCEL 2.0 .json（都可以是 .gz）',
      '--map': '日志中各字段对应的列，例如 case=OpportunityId,activity=StageName,end=CreatedDate,resource=CreatedById',
      '--preset': '按原样读取 CRM 导出：salesforce-field-history、salesforce-opportunity-history、hubspot-deal-stages、zoho-stage-history、wukong-business-change',
      '--object': 'OCEL 2.0 日志：其对象作为案例的对象类型，例如 Opportunity',
      '--output': '把叠加文件写到这里（默认：stdout）',
      '--write': '直接修改流程文件（保留注释和格式）',
      '--only': '只保留这些拟合结果，用逗号分隔：durations、routing（分支和 on 的概率）、arrivals、roles',
      '--format': '使用 -o 或 --write 时 stdout 上报告的格式：text、json',
      '--cwd': CWD,
    },
    args: { process: '要校准的流程 id' },
  },
  conform: {
    summary: '在流程上重放真实事件日志：拟合度、各步骤的偏差',
    description:
      '在流程及其调用的所有内容上重放事件日志（CSV、XES、OCEL 2.0 JSON，都可以是 .gz）的每个案例（DESIGN §11）：按令牌重放计算的拟合度（pm4py 的 0.5(1−m/c) + 0.5(1−r/p)）和按最优对齐计算的拟合度（1 − cost/worst），哪些案例吻合，以及每个案例在发生处的偏差——跳过的步骤、插入的活动、顺序错误的步骤。每个步骤：被跳过、插入、返工的次数。列出没有步骤对应的活动。',
    after: CONFORM_AFTER,
    options: {
      '--log': '事件日志：.csv、.xes 或 OCEL 2.0 .json（都可以是 .gz）',
      '--map': '日志中各字段对应的列，例如 case=OpportunityId,activity=StageName,end=CreatedDate,resource=CreatedById',
      '--preset': '按原样读取 CRM 导出：salesforce-field-history、salesforce-opportunity-history、hubspot-deal-stages、zoho-stage-history、wukong-business-change',
      '--object': 'OCEL 2.0 日志：其对象作为案例的对象类型，例如 Opportunity',
      '--min-fitness': '令牌重放或对齐拟合度低于 x 时以 1 退出（CI 门禁），例如 0.9',
      '--max-deviations': '文本和 Markdown 中列出的偏差数（JSON 中列出全部）',
      '--format': '输出格式：text、json、markdown',
      '--cwd': CWD,
    },
    args: { process: '用来重放的流程 id，例如 opportunity-stages' },
  },
  discover: {
    summary: '根据事件日志起草流程',
    description:
      '读取事件日志（CRM 阶段历史、BPM 导出、XES 或 OCEL 2.0），据此起草一个 crmflow 流程：直接跟随图，过滤掉罕见行为，切分为排他选择、顺序、并行块和循环（归纳挖掘）；角色来自角色或资源列；时长从日志拟合；分支概率来自每条路径被走的频率。草稿可以通过校验；数据无法确定的地方写在草稿顶部的注释中。',
    after: DISCOVER_AFTER,
    options: {
      '--log': '事件日志：.csv、.xes 或 OCEL 2.0 .json（都可以是 .gz）',
      '--map': '日志中各字段对应的列，例如 case=OpportunityId,activity=StageName,end=CreatedDate,resource=CreatedById',
      '--preset': '按原样读取 CRM 导出：salesforce-field-history、salesforce-opportunity-history、hubspot-deal-stages、zoho-stage-history、wukong-business-change',
      '--object': 'OCEL 2.0 日志：其对象作为案例的对象类型，例如 Opportunity',
      '--output': '把草稿写到这里，例如 processes/operation/loan-application.yaml（默认：stdout）',
      '--id': '流程 id（默认：输出文件名，否则日志文件名）',
      '--name': '流程名称（默认：由 id 得出）',
      '--layer': '草稿所在的层：strategy、core、operation',
      '--noise': '略去比同一活动最强的边的这一比例还少见的直接跟随边（0 保留全部）',
      '--format': '输出格式：yaml、json',
      '--force': '覆盖已存在的输出文件',
      '--cwd': CWD,
    },
  },
};

/** commander's own headings and the notes it adds after an option's description. */
export const helpTitlesZhCN: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Arguments:': '参数：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

/** `(default: "text", choices: …)` after an option → `（默认："text"，可选值：…）`. */
export function helpExtraZhCN(text: string): string {
  return text.replace(/ \(((?:default|choices|preset|env): [^()]*)\)$/, (_m, inner: string) => {
    const words: Record<string, string> = { default: '默认', choices: '可选值', preset: '预设值', env: '环境变量' };
    return `（${inner.replace(/(default|choices|preset|env): /g, (_w, k: string) => `${words[k]}：`).replace(/, (?=默认|可选值|预设值|环境变量)/g, '，')}）`;
  });
}

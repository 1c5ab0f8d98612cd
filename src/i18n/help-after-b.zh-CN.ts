/**
 * `--help` 末尾的示例和说明（中文）：diff、review、export、import、render、site、roles、fields、
 * init、schema、explain（help.zh-CN.ts 的 after 引用它们）。英文原文在各命令 register() 的 addHelpText('after', …) 中。
 */
export const helpAfterZhCNb = {
  diff: `
示例：
  $ crmflow diff                                  未提交的改动对比 HEAD
  $ crmflow diff main                             本分支（及工作区）对比 main
  $ crmflow diff HEAD~1 HEAD -- processes/operation
  $ crmflow diff origin/main HEAD --format markdown > comment.md
  $ crmflow diff v1.0 v1.1 --simulate --format json
  $ crmflow diff main HEAD --simulate --runs 10         多跑几次，把小变化和随机波动分开
  $ crmflow diff main HEAD --svg diff-diagrams/

id 变了但内容相近的步骤显示为改名。
退出码：0 已生成比较结果（不论有无变化；使用 --exit-code 时：没有变化），
1 使用 --exit-code 且有变化，2 无法运行（未知的版本、不是 git 仓库、路径在仓库之外）。`,
  review: `
示例：
  $ crmflow review --since 2026-07-01 --until 2026-09-30 -o review-q3.md
  $ crmflow review --since v1.0                          标签 v1.0 以来的全部变更
  $ crmflow review --since 2026-07-01 --simulate --format json
  $ crmflow review --since 2026-07-01 --until 2026-09-30 --branch main --tz Asia/Shanghai

时期按分支的第一父提交历史界定：从 --since 之前最后一个落到该分支的提交算起，因此六月写、
七月合并的 pull request 算七月的变更。日期按 --tz 解读，报告会写明所用的时区。

退出码：0 已生成报告，2 无法运行（未知的版本或日期、不是 git 仓库、浅克隆缺少时期的开始）。`,
  export: `
示例：
  $ crmflow export discount-approval > discount-approval.bpmn
  $ crmflow export discount-approval --target camunda8 -o bpmn/discount-approval.bpmn
  $ crmflow export --all --target camunda8 -o bpmn/
  $ crmflow export discount-approval --target camunda8 --camunda-version 8.4
  $ crmflow export lead-to-cash --format mermaid

说明（BPMN 中放不下的内容：时长、概率、动作）输出到 stderr。
退出码：0 已导出，1 流程有问题（校验错误、条件没有 FEEL 形式），
2 无法运行（未知的流程、错误的选项、文件无法写入）。`,
  import: `
示例：
  $ crmflow import order-handling.bpmn                      打印 YAML
  $ crmflow import signavio-export.bpmn -o processes/operation
  $ crmflow import lead-to-cash.bpmn --layer core -o processes/core
  $ crmflow import diagram.bpmn --format json | jq '.processes[].notes'

无法表示的内容输出到 stderr（并写入每个文件顶部的注释）。
退出码：0 已导入，1 已导入但结果未通过校验，2 无法运行（不是 XML、不是 BPMN、没有流程、
不安全的 XML、文件超过 10 MB、文件已存在且没有 --force）。`,
  render: `
示例：
  $ crmflow render                                   在 docs/diagrams/ 中生成 SVG 和 index.html
  $ crmflow render processes/operation/lead-assignment.yaml -o docs/
  $ crmflow render --format png --font /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
  $ crmflow render --format mermaid processes/operation/discount-approval.yaml   粘贴到 GitHub Markdown
  $ crmflow render --theme dark -o site/diagrams
  $ crmflow render --direction down                  竖向泳道，从上到下（跨职能流程图）
  $ crmflow render --no-cache                        重新布局，不用 .crmflow/cache/

有错误的流程文件不绘制：stderr 上会写出它的名字，它的图换成一张说明原因的占位图（绝不沿用旧图），
索引把它列在“未绘制”下，以 1 退出。

退出码：0 已写出，1 有流程文件有错误（其余的已写出），2 无法运行（目录无法写入、未知的格式或主题）。`,
  site: `
示例：
  $ crmflow site -o site/                       然后打开 site/index.html
  $ crmflow site -o public/ --cases 1000        仿真数字更精确
  $ crmflow site -o site/ --no-simulate --no-history

页面是普通的 HTML、CSS 和少量 JavaScript；相同的项目和历史生成相同的字节，
因此这个目录可以提交到仓库，或用 GitHub Pages 发布。
退出码：0 已写出，1 已写出但有流程文件有错误（列在首页上），
2 无法运行（没有项目、crmflow.yaml 有错误、目录无法写入）。`,
  roles: `
示例：
  $ crmflow roles                          Markdown，每个角色一张表
  $ crmflow roles --format csv > raci.csv  用于电子表格
  $ crmflow roles --format json --no-simulate

JSON 结构：[{ role, name, headcount, builtIn, description, utilisation, utilisationIn,
duties: [{ process, processName, step, stepName, type, raci, sla, breach }] }]。
退出码：0 已打印，2 无法运行（没有项目、crmflow.yaml 有错误）。`,
  fields: `
示例：
  $ crmflow fields --infer data/leads-sample.csv
  $ crmflow fields --infer data/leads-sample.csv >> crmflow.yaml     然后审阅类型
  $ crmflow fields --infer leads.csv --format json | jq .fields.region

一列最多有 20 个不同的值且有重复时是枚举；整数列是 integer（条件中要算小数时，请把金额声明为 number）；
1/0 列是 integer（boolean 请手工声明）；列表（用 ";" 分隔的项）请手工声明。

退出码：0 已打印，2 无法读取 CSV。`,
  init: `
示例：
  $ crmflow init my-processes && cd my-processes && crmflow validate
  $ crmflow init . --force      替换之前生成的项目
  $ crmflow init 售后 --example after-sales-zh    中文的售后项目（售后工单）`,
  schema: `
示例：
  $ crmflow schema -o schemas/
  $ crmflow schema --check
  $ crmflow schema --stdout process > process.schema.json

在流程文件顶部加上这一行，即可在 VS Code（YAML 扩展）中获得补全：
  # yaml-language-server: $schema=../../schemas/process.schema.json`,
  explain: `
示例：
  $ crmflow explain                         列出规则
  $ crmflow explain exception-path-missing
  $ crmflow explain dead-end --format json

退出码：0 已打印，2 未知的规则。`,
} as const;

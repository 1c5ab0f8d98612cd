/**
 * English errors of conditions between CEL and FEEL / JUEL (export refusals, import reading) and
 * of working calendars. errors-c.zh-CN.ts has the same keys.
 */
export const errorsCEn = {
  // CEL → FEEL (export)
  'expr.notCel': 'condition "{cel}" is not valid CEL: {why}',
  'expr.dateField':
    'condition "{src}" reads the {type} field {field}: Zeebe process variables are JSON, so the {type} arrives as text and FEEL compares it as text where CEL compares timestamps; route on a number or enum field instead, e.g. a days_open integer',
  'expr.ifTypes': 'condition "{src}" gives {a} or {b} from "{part}": compared or computed with, CEL and FEEL can differ; give both results one type',
  'expr.divInt': 'condition "{src}" divides integers ("{part}"): CEL truncates (7 / 2 is 3), FEEL divides exactly (3.5), so the two can route differently; multiply instead, e.g. case.a * 2 > case.b',
  'expr.div':
    'condition "{src}" divides ("{part}"): CEL truncates integer division and gives infinity for 0.0, FEEL divides exactly and gives null, so the two can route differently; multiply instead, e.g. case.a > 0.1 * case.b',
  'expr.mixIntNumber': 'condition "{src}" mixes an integer and a number in "{part}": CEL has no int and double overload, so it fails on every case where FEEL computes; {fix}',
  'expr.fix.moveInt': 'move {n} to the other side of the comparison (e.g. case.amount > 80.0 for case.amount + 20 > 100.0)',
  'expr.fix.noPointZero': 'write {n} without .0',
  'expr.fix.oneType': 'give both sides one type (validate reports it as type-mismatch)',
  'expr.mixedIf': 'condition "{src}" computes with "{mixed}", an integer on some cases and a number on others: CEL has no int and double overload, so it fails where FEEL computes; give both results of ?: one type',
  'expr.intWithField':
    'condition "{src}" mixes the integer {n} with a field in "{part}": CEL has no int and double overload, so with decimal case data it fails where FEEL computes; declare the field as an integer under fields: in crmflow.yaml{more}',
  'expr.intWithField.move': ', or move {n} to the other side of the comparison',
  'expr.doubles':
    "condition \"{src}\" computes with numbers that are not integers in \"{part}\": CEL rounds each step to binary floating point (0.1 + 0.2 is 0.30000000000000004), Zeebe's FEEL computes in decimals (0.3), so a case at the bound routes differently; compare the field itself (case.amount * 1.1 > 110.0 is case.amount > 100.0) or declare integer fields (amounts in cents)",
  'expr.orderBool': 'condition "{src}" orders booleans in "{part}": FEEL has no order of true and false; compare with == or !=',
  'expr.compareTypes': 'condition "{src}" compares {l} with {r} in "{part}": CEL says they differ, FEEL gives null, so the two can route differently; compare values of one type',
  'expr.bigInt': 'condition "{src}": the integer {v} is beyond 2^53, where CEL and FEEL numbers differ; use a smaller number',
  'expr.literal': 'condition "{src}": literal {v} has no FEEL equivalent',
  'expr.readsDirect': 'condition "{src}" reads "{name}" directly; only case.<field> translates to a process variable',
  'expr.call': 'condition "{src}" calls {fn}(), which has no FEEL translation; use comparisons, &&, ||, ! and in',
  'expr.operator': 'condition "{src}" uses the operator "{op}", which has no FEEL translation',
  'expr.readsName': 'condition "{src}" reads "{name}"; only case.<field> translates to a process variable',
  'expr.computedKey': 'condition "{src}" indexes with a computed key, which has no FEEL translation',
  'expr.onlyCasePaths': 'condition "{src}": only case.<field> paths translate to FEEL variables',
  'expr.badName': 'condition "{src}": field "{key}" is not a valid FEEL variable name; rename the field',
  'expr.controlChar': 'the string {s} holds a control character, which BPMN XML cannot carry',
  'expr.noFeelNumber': 'the number {n} has no FEEL literal',
  'expr.tierNotField': 'tier field "{field}" is not one case field; write it as case.<field>, e.g. case.amount',
  'expr.tierType':
    'tier field "{field}" is {type} field, so no case ever reaches a level and every approval goes to "{fallback}"; tiers compare numbers: name an integer or number field, e.g. case.amount',
  'expr.tierNotCel': 'tier field "{field}" is not valid CEL: {why}',
  'expr.wholeCase': 'a condition reads the whole case; read one field, e.g. case.amount',
  // A value type with its article, as the messages above put it ("an int", "a date").
  'expr.a.int': 'an int',
  'expr.a.double': 'a double',
  'expr.a.number': 'a number',
  'expr.a.string': 'a string',
  'expr.a.bool': 'a bool',
  'expr.a.null': 'a null',
  'expr.a.list': 'a list',
  'expr.a.dyn': 'a dyn',
  'expr.a.integer': 'an integer',
  'expr.a.boolean': 'a boolean',
  'expr.a.enum': 'an enum',
  'expr.a.date': 'a date',
  'expr.a.datetime': 'a datetime',
  'expr.type.date': 'date',
  'expr.type.datetime': 'datetime',
  // FEEL / JUEL → CEL (import)
  'expr.condition': 'condition "{text}"',
  'expr.unclosed': '{what}: a string is not closed',
  'expr.unsupported': '{what}: "{c}" is not supported',
  'expr.unexpected': '{what}: unexpected "{tok}"',
  'expr.expected': '{what}: expected "{v}"{found}',
  'expr.expected.found': ' but found "{tok}"',
  'expr.expected.end': ' at the end',
  'expr.assign': '{what}: "=" is an assignment; compare with "=="',
  'expr.feelEq': '{what}: FEEL compares with "=", not "=="',
  'expr.endsEarly': '{what}: the expression ends too early',
  'expr.fnNoCel': '{what}: the function {fn}() has no CEL translation',
  'expr.language': 'condition "{text}" is written in {language}, which crmflow does not translate',
  'expr.pathDescription': 'Condition of the "{key}" path in the BPMN: {condition}',
  'expr.branchDescription': 'Condition of the branch to "{to}" in the BPMN: {condition}',

  // working calendars
  'cal.badDay': 'calendar "{id}": {what} {why}',
  'cal.holiday': 'holiday',
  'cal.workday': 'workday',
  'cal.badHours': 'calendar "{id}": {why}',
  'cal.badZone': 'calendar "{id}": time zone "{zone}" is not an IANA time zone such as Asia/Shanghai',
  'cal.noWorkingTime': 'calendar "{id}" has no working time in {days} days; check its hours and holidays',
  'render.layoutThreadStopped': 'the layout thread stopped before it laid out this diagram {why}',
  'render.tooManySteps': 'process "{id}" has {n} steps; crmflow draws diagrams of up to {max} steps',
  'render.tooManyStepsHint': 'split it into subprocesses (steps of type subprocess): each gets a diagram of its own, linked from the caller',
} as const;

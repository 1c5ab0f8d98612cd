// bpmn-moddle 10 ships element types but no declaration for its entry point under NodeNext.
declare module 'bpmn-moddle' {
  export function BpmnModdle(packages?: Record<string, unknown>, options?: Record<string, unknown>): unknown;
}

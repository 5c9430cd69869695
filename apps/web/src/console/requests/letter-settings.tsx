import { useEffect } from 'react';
import type { Session } from '../../api';
import { ActionForm, Breadcrumb, ErrorNotice, Field, Loading, Notice, PageTitle, useApi, useForm } from '../../ui';
import { Fact, optionalText } from './steps/common';

/** `GET /api/requests/letter-settings/:unitId` (libs/requests/src/application/letter-settings.ts `LetterSettingsView`). */
interface LetterSettingsView {
  unitId: string;
  /** 0: never edited, the defaults print. */
  version: number;
  printedName: string;
  reconsiderationBody: string;
  contact?: string;
  numberPrefix?: string;
  editable: boolean;
}

const EMPTY = { printedName: '', reconsiderationBody: '', contact: '', numberPrefix: '' };

/**
 * The unit's reply-letter settings (答复书设置): the name its letters print, its reconsideration body
 * (行政复议法 Art. 24), the contact and the 答复书文号 prefix. Read by its staff, edited by its office
 * head; each change is a new version kept as an event.
 */
export function LetterSettingsPage({ session }: { session: Session }) {
  const unitId = session.unitId ?? '';
  const settings = useApi<LetterSettingsView>(unitId ? `/api/requests/letter-settings/${encodeURIComponent(unitId)}` : null);
  const current = settings.data;
  // The read model follows the write: wait (bounded) until it shows a newer version than the form was filled from.
  const settle = async () => {
    const before = current?.version ?? 0;
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const data = await settings.refetch().catch(() => null);
      if (data && data.version > before) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };
  const edit = useForm(`letter-settings.${unitId}`, EMPTY, { onDone: settle });
  const { values: form, update } = edit;
  const { printedName, reconsiderationBody, contact, numberPrefix } = current ?? EMPTY;
  // The form starts from the current settings (a draft kept over a reload wins).
  useEffect(() => {
    if (current && !form.printedName)
      update({ printedName, reconsiderationBody, contact: contact ?? '', numberPrefix: numberPrefix ?? '' });
  }, [current?.version]); // filled once when the settings arrive
  return (
    <>
      <Breadcrumb
        trail={[
          ['工作台', '/console'],
          ['依申请公开', '/console/requests'],
          ['答复书设置', null],
        ]}
      />
      <PageTitle lead="答复书署名、行政复议机关、联系方式和文号前缀，打印在本单位出具的答复书和告知书上">答复书设置</PageTitle>
      {!unitId ? <Notice>答复书设置按单位维护，请以单位工作人员身份登录。</Notice> : null}
      {settings.loading && !current ? <Loading what="答复书设置" /> : null}
      <ErrorNotice error={settings.error} />
      {current ? (
        <>
          <dl className="kv-list card" data-testid="letter-settings">
            <Fact term="版本">{current.version === 0 ? '默认设置（尚未修改）' : `第 ${current.version} 版`}</Fact>
            <Fact term="答复书署名">{current.printedName}</Fact>
            <Fact term="行政复议机关">{current.reconsiderationBody}</Fact>
            <Fact term="联系方式">{current.contact ?? '未填写'}</Fact>
            <Fact term="答复书文号前缀">{current.numberPrefix ?? '未填写'}</Fact>
          </dl>
          {current.editable ? (
            <section aria-labelledby="letter-settings-edit" className="card">
              <h2 id="letter-settings-edit">修改答复书设置</h2>
              <ActionForm
                action={edit}
                failure="未保存，您填写的内容已保留"
                submitLabel="保存答复书设置"
                onSubmit={() =>
                  void edit.run(
                    `/api/requests/letter-settings/${encodeURIComponent(unitId)}`,
                    'PUT',
                    {
                      printedName: form.printedName,
                      reconsiderationBody: form.reconsiderationBody,
                      contact: optionalText(form.contact),
                      numberPrefix: optionalText(form.numberPrefix),
                    },
                    '答复书设置已保存，此后生成的答复书按新设置打印。',
                  )
                }
              >
                <Field label="答复书署名" name="printedName" error={edit.error} required hint="打印在答复书落款处的机关全称">
                  {(p) => <input {...p} value={form.printedName} onChange={(e) => update({ printedName: e.target.value })} />}
                </Field>
                <Field
                  label="行政复议机关"
                  name="reconsiderationBody"
                  error={edit.error}
                  required
                  hint="区政府部门、镇街的行政复议机关为区人民政府（行政复议法第二十四条）"
                >
                  {(p) => (
                    <input {...p} value={form.reconsiderationBody} onChange={(e) => update({ reconsiderationBody: e.target.value })} />
                  )}
                </Field>
                <Field label="联系方式" name="contact" error={edit.error} hint="选填：联系人、电话、地址">
                  {(p) => <input {...p} value={form.contact} onChange={(e) => update({ contact: e.target.value })} />}
                </Field>
                <Field label="答复书文号前缀" name="numberPrefix" error={edit.error} hint="选填：如“张政信复”">
                  {(p) => <input {...p} value={form.numberPrefix} onChange={(e) => update({ numberPrefix: e.target.value })} />}
                </Field>
              </ActionForm>
            </section>
          ) : (
            <Notice>答复书设置由本单位政府信息公开工作机构负责人修改。</Notice>
          )}
        </>
      ) : null}
    </>
  );
}

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name></name>
    <message>
        <source>{n} バイト</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n:.1f} MB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用できません（{reason}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項 {m} 件・評価 {e} 件</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>手動</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>自動（起動時）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>形式の更新前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読み込み前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>統合前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>復元前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ファイルが壊れています</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>バックアップから復元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>復元しない</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>計画のファイルを開けませんでした。ファイルの一部が壊れています。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ファイル: {path}</source>
        <translation type="unfinished">File: {path}</translation>
    </message>
    <message>
        <source>見つかった問題: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>最新の正常なバックアップ（{time} 作成、{summary}）から復元できます。そのバックアップより後に行った変更は、復元後のファイルには含まれません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>壊れたファイルは削除も上書きもせず、「{name}」という名前に変えて同じフォルダーに残します。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>使用できるバックアップが見つかりません（{folder}）。壊れたファイルは変更せず、そのまま残しています。管理者に相談してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>同じフォルダーにある「-journal」で終わるファイルは、削除したり名前を変えたりしないでください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>復元できません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>壊れたファイルは {path} に残しました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>復元しました</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} のバックアップから復元しました（{summary}）。{kept}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>復元するバックアップを選んでください。現在の内容は、復元の前にバックアップとして保存します。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>復元</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このファイルのバックアップはまだありません（{folder}）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読み取り専用で開いているため復元できません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} のバックアップ（{summary}）から復元しますか？

現在の内容は、復元の前にバックアップとして保存します。「元に戻す」の履歴は消去されます。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{time} のバックアップから復元しました（{summary}）。
復元前の内容は {safety} に保存しました。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>別のプログラムが開いています</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ファイルは使用中です</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このファイルは既に開かれています。
{who}。

2か所で同時に編集すると変更が失われるため、ここでは読み取り専用でのみ開けます。読み取り専用で開きますか？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>読み取り専用で開きます</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このファイルには計画が入っていません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ファイルを開けません</source>
        <translation type="unfinished">Cannot open the file</translation>
    </message>
    <message>
        <source>{path}

{reason}</source>
        <translation type="unfinished">{path}

{reason}</translation>
    </message>
    <message>
        <source>バックアップを作成できません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>バックアップを作成しました</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>バックアップを作成しました（{summary}）。
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>データベースの検査</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ファイルに問題が見つかりました。

{problems}

これ以上の編集はせず、ファイル → バックアップから復元 で正常なバックアップに戻してください。同じフォルダーにある「-journal」で終わるファイルは削除しないでください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>問題は見つかりませんでした（推進事項 {m} 件、評価 {e} 件）。
{path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（メモリ上）</source>
        <translation type="unfinished">(in memory)</translation>
    </message>
    <message>
        <source>バックアップを作成(&amp;B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>バックアップから復元(&amp;E)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>データベースの検査(&amp;C)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AboutDialog</name>
    <message>
        <source>バージョン情報</source>
        <translation>About</translation>
    </message>
    <message>
        <source>行動計画 進捗管理（plan_desktop）</source>
        <translation>Action Plan Progress Manager (plan_desktop)</translation>
    </message>
    <message>
        <source>バージョン {version}

{plan}

行動計画の推進事項・年度別行動計画・工程・進捗評価を管理するアプリケーションです。

PySide6 {pyside} / Qt {qt}</source>
        <translation>Version {version}

{plan}

Manages the measures, yearly action plans, schedule and progress evaluations of an action plan.

PySide6 {pyside} / Qt {qt}</translation>
    </message>
    <message>
        <source>このアプリについて</source>
        <translation>About this application</translation>
    </message>
    <message>
        <source>使用しているソフトウェア</source>
        <translation>Third-party software</translation>
    </message>
    <message>
        <source>ライセンス文書を読み込めません: {error}</source>
        <translation>Cannot read the licence text: {error}</translation>
    </message>
    <message>
        <source>フォントのライセンス</source>
        <translation>Font licence</translation>
    </message>
</context>
<context>
    <name>ActionPlanEditor</name>
    <message>
        <source>年度ブロックを追加</source>
        <translation>Add year block</translation>
    </message>
    <message>
        <source>行動計画の年度の変更</source>
        <translation>Change action plan years</translation>
    </message>
    <message>
        <source>行動計画の項目の変更</source>
        <translation>Edit action item</translation>
    </message>
    <message>
        <source>新しい項目</source>
        <translation>New item</translation>
    </message>
    <message>
        <source>年度ブロックの追加</source>
        <translation>Add year block</translation>
    </message>
    <message>
        <source>年度ブロックの削除</source>
        <translation>Delete year block</translation>
    </message>
    <message>
        <source>年度ブロックの並べ替え</source>
        <translation>Reorder year blocks</translation>
    </message>
    <message>
        <source>行動計画の項目の追加</source>
        <translation>Add action item</translation>
    </message>
    <message>
        <source>先に項目を追加してください</source>
        <translation>Add an item first</translation>
    </message>
    <message>
        <source>新しい細目</source>
        <translation>New sub-item</translation>
    </message>
    <message>
        <source>行動計画の細目の追加</source>
        <translation>Add sub-item</translation>
    </message>
    <message>
        <source>行動計画の並べ替え</source>
        <translation>Reorder action plan</translation>
    </message>
    <message>
        <source>行動計画の項目の削除</source>
        <translation>Delete action item</translation>
    </message>
    <message>
        <source>行動計画の細目の削除</source>
        <translation>Delete sub-item</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>ファイルを開けません</source>
        <translation>Cannot open the file</translation>
    </message>
    <message>
        <source>{path}

{reason}</source>
        <translation>{path}

{reason}</translation>
    </message>
</context>
<context>
    <name>BlockEditor</name>
    <message>
        <source>年度</source>
        <translation>Fiscal years</translation>
    </message>
    <message>
        <source>例: 令和5年度、R5、2023</source>
        <translation>e.g. 令和5年度, R5, 2023</translation>
    </message>
    <message>
        <source>このブロックを上へ</source>
        <translation>Move this block up</translation>
    </message>
    <message>
        <source>このブロックを下へ</source>
        <translation>Move this block down</translation>
    </message>
    <message>
        <source>ブロックを削除</source>
        <translation>Delete block</translation>
    </message>
    <message>
        <source>この年度ブロックを項目ごと削除します</source>
        <translation>Deletes this year block with all its items</translation>
    </message>
    <message>
        <source>項目を追加</source>
        <translation>Add item</translation>
    </message>
    <message>
        <source>細目を追加</source>
        <translation>Add sub-item</translation>
    </message>
    <message>
        <source>上へ</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>下へ</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
</context>
<context>
    <name>DetailEditor</name>
    <message>
        <source>左の一覧から推進事項を選んでください。</source>
        <extracomment>emitted after a field was committed (key)</extracomment>
        <translation>Select a measure in the list on the left.</translation>
    </message>
    <message>
        <source>推進事項の番号（1以上の整数）</source>
        <translation>Number of the measure (an integer of 1 or more)</translation>
    </message>
    <message>
        <source>【重点】推進事項</source>
        <translation>Priority measure (【重点】)</translation>
    </message>
    <message>
        <source>№</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>取組の視点</source>
        <translation>Viewpoint</translation>
    </message>
    <message>
        <source>上へ</source>
        <translation>Up</translation>
    </message>
    <message>
        <source>下へ</source>
        <translation>Down</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>一覧から選ぶか、新しい部課名を入力</source>
        <translation>Pick from the list or type a new department</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>担当部課</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>提言との関連</source>
        <translation>Related proposals</translation>
    </message>
    <message>
        <source>課題</source>
        <translation>Issue</translation>
    </message>
    <message>
        <source>推進内容</source>
        <translation>Promotion content</translation>
    </message>
    <message>
        <source>基本情報</source>
        <translation>Basics</translation>
    </message>
    <message>
        <source>項目・細目はダブルクリックまたは F2 で編集できます。</source>
        <translation>Double-click an item or sub-item, or press F2, to edit it.</translation>
    </message>
    <message>
        <source>年度別行動計画</source>
        <translation>Yearly action plan</translation>
    </message>
    <message>
        <source>{no}&#x3000;{title}</source>
        <translation>{no}  {title}</translation>
    </message>
    <message>
        <source>提言{no}&#x3000;{title}</source>
        <translation>Proposal {no}  {title}</translation>
    </message>
    <message>
        <source>－（関連なし）</source>
        <translation>– (not related)</translation>
    </message>
    <message>
        <source>◎ 特に関連</source>
        <translation>◎ strongly related</translation>
    </message>
    <message>
        <source>○ 関連</source>
        <translation>○ related</translation>
    </message>
    <message>
        <source>名称の変更</source>
        <translation>Change title</translation>
    </message>
    <message>
        <source>課題の変更</source>
        <translation>Change issue</translation>
    </message>
    <message>
        <source>推進内容の変更</source>
        <translation>Change promotion content</translation>
    </message>
    <message>
        <source>№は1以上の整数で入力してください</source>
        <translation>Enter the number as an integer of 1 or more</translation>
    </message>
    <message>
        <source>№{no} は既に使われています（{title}）</source>
        <translation>No. {no} is already used ({title})</translation>
    </message>
    <message>
        <source>№の変更</source>
        <translation>Change number</translation>
    </message>
    <message>
        <source>【重点】の変更</source>
        <translation>Change priority</translation>
    </message>
    <message>
        <source>提言との関連の変更</source>
        <translation>Change related proposals</translation>
    </message>
    <message>
        <source>追加する担当部課名を入力してください</source>
        <translation>Enter the name of the department to add</translation>
    </message>
    <message>
        <source>担当部課の追加</source>
        <translation>Add department</translation>
    </message>
    <message>
        <source>担当部課の削除</source>
        <translation>Remove department</translation>
    </message>
    <message>
        <source>担当部課の並べ替え</source>
        <translation>Reorder departments</translation>
    </message>
    <message>
        <source>担当部課の変更</source>
        <translation>Change department</translation>
    </message>
</context>
<context>
    <name>EvaluationHistoryDialog</name>
    <message>
        <source>評価の履歴</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationHistoryWidget</name>
    <message>
        <source>評価のない年度も表示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状態</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取組状況</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>進捗評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年度の出発点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年度の取組予定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取組実績</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成果指標</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>課題</source>
        <translation type="unfinished">Issue</translation>
    </message>
    <message>
        <source>改善策・次年度の取組</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今後の方向性</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課の評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議の評価・意見</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項を選択してください</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価の履歴: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この推進事項にはまだ評価がありません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（評価なし）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（ロック解除中）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationOverviewDialog</name>
    <message>
        <source>評価の概要</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationOverviewWidget</name>
    <message>
        <source>年度</source>
        <translation type="unfinished">Fiscal years</translation>
    </message>
    <message>
        <source>進捗評価の分布</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>着手率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>着手: その年度までのいずれかの評価で取組状況が「実施中」または「完了」</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未評価の推進事項</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>一覧の推進事項をダブルクリックすると、その推進事項を開きます。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価済み {0} / {1} 件（未評価 {2} 件）&#x3000;平均 {3} 点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>すべての推進事項が評価済みです</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} 評価の推進事項</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>低い評価の推進事項</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>該当する推進事項はありません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ダブルクリックで開く</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項</source>
        <translation type="unfinished">Measure</translation>
    </message>
    <message>
        <source>未評価</source>
        <translation type="unfinished">Not rated</translation>
    </message>
    <message>
        <source>平均点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>着手</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合計</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:16pt&apos;&gt;{0}&lt;/b&gt;&#x3000;（{1} / {2} 件が着手）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}までに全件着手の目標を達成しています。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;目標の{0}を過ぎて、{1} 件が未着手です。&lt;/span&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}までに100%：残り {1} 件、あと {2} 年度（年 {3} 件のペース）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>今年度の出発点（前年度の課題）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年度の取組予定（前年度の改善策）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取組状況</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>進捗評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取組実績</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成果指標</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>課題</source>
        <translation type="unfinished">Issue</translation>
    </message>
    <message>
        <source>改善策・次年度の取組</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今後の方向性</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課の評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課のコメント</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>記入者</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価日</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議の評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進協議会・所長会議の意見</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度</source>
        <translation type="unfinished">Fiscal years</translation>
    </message>
    <message>
        <source>前年度から開始</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前年度の課題を今年度の出発点に、改善策を今年度の取組予定に引き継ぎます</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課確定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課の評価を確定します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議確定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進協議会・所長会議の評価で確定し、編集できないようにします</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>下書きに戻す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課確定を取り消して下書きに戻します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ロック解除…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議確定の評価を編集できるようにします（変更履歴に記録されます）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>再ロック</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議確定の評価を再び編集できないようにします</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>削除</source>
        <translation type="unfinished">Remove</translation>
    </message>
    <message>
        <source>この年度の評価を削除します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>履歴</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全年度の評価を並べて表示します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年度の出発点</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>進捗状況の評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未選択）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>（未評価）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価基準…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価の段階（記号・名称・定義・点数）を設定します</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課の自己評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進協議会・所長会議の評価</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項を選択してください</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指標名</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>単位</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>基準値</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>目標値</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>実績値</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>達成率</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>達成率 = 実績値 ÷ 目標値 × 100（目標値が0より大きいときだけ計算します）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指標を追加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>指標を削除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}の変更</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ロック解除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議確定の評価のロックを解除します。理由を入力してください（変更履歴に記録されます）。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議確定にすると、ロックを解除するまで編集できなくなります。確定しますか？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価の削除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}の評価を削除しますか？（元に戻すことができます）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年度の出発点と取組予定を前年度の課題・改善策で置き換えますか？</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成果指標の変更</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}行目の{1}: {2}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成果指標の追加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>新しい指標</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>成果指標の削除</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>未作成</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>・ロック中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>・ロック解除中</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>所管課確定に戻す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この評価は会議確定のため編集できません。訂正が必要なときは「ロック解除…」を押してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>会議確定の評価のロックを解除して編集しています。訂正が済んだら「再ロック」を押してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>このファイルは読み取り専用で開かれています。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>実績値 ÷ 目標値 × 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}の計画</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>エクスポート</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Excel ブック（推進事項・工程・行動計画・評価）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV（表ごとに1ファイル）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価入力シート（担当部課ごと、Excel）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>種類</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価の年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>担当部課</source>
        <translation type="unfinished">Department</translation>
    </message>
    <message>
        <source>UTF-8（BOM 付き、Excel で開けます）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift_JIS（cp932、古いソフト向け）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV の文字コード</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>書き出す…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>取り込みの確認 — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>シート</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>列</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>変更のある項目だけ表示</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項・項目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>状態</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>変更前</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>変更後</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>適用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>なし</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「%1」に問題が %2 件あります。直してからもう一度取り込んでください。データベースは変更していません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「%1」（%2）: 変更はありません。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「%1」（%2）: 新規 %3 件、変更 %4 件、変更なし %5 件。適用すると、先にバックアップを作成してから1回の操作として書き込みます（元に戻せます）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>工程表</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>工程表はここに表示されます。</source>
        <translation>The schedule chart appears here.</translation>
    </message>
    <message>
        <source>検索（名称・課題・推進内容・行動計画・担当部課）</source>
        <translation>Search (title, issue, content, action plan, department)</translation>
    </message>
    <message>
        <source>【重点】のみ</source>
        <translation>Priority only</translation>
    </message>
    <message>
        <source>工程・評価の列と、評価・取組状況・工程の絞り込みが対象とする年度</source>
        <translation>Fiscal year shown in the phase/rating columns and used by the rating, status and phase filters</translation>
    </message>
    <message>
        <source>条件をクリア</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>新規作成(&amp;N)…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>同梱の計画から新しい計画ファイルを作成します</source>
        <translation>Creates a new plan file from the bundled plan</translation>
    </message>
    <message>
        <source>開く(&amp;O)…</source>
        <translation>&amp;Open…</translation>
    </message>
    <message>
        <source>別名で保存（コピー）(&amp;A)…</source>
        <translation>Save a Copy &amp;As…</translation>
    </message>
    <message>
        <source>開いているファイルのコピーを保存します（編集は自動で保存されています）</source>
        <translation>Saves a copy of the open file (edits are saved automatically)</translation>
    </message>
    <message>
        <source>終了(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>元に戻す(&amp;U)</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>やり直し(&amp;R)</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>推進事項の追加(&amp;I)</source>
        <translation>&amp;Insert Measure</translation>
    </message>
    <message>
        <source>推進事項の複製(&amp;C)</source>
        <translation>Dupli&amp;cate Measure</translation>
    </message>
    <message>
        <source>推進事項の削除(&amp;D)…</source>
        <translation>&amp;Delete Measure…</translation>
    </message>
    <message>
        <source>上へ移動</source>
        <translation>Move Up</translation>
    </message>
    <message>
        <source>下へ移動</source>
        <translation>Move Down</translation>
    </message>
    <message>
        <source>番号（№）を振り直す</source>
        <translation>Renumber Measures</translation>
    </message>
    <message>
        <source>表示順に №1 から番号を振り直します</source>
        <translation>Numbers the measures from No. 1 in display order</translation>
    </message>
    <message>
        <source>名称を編集</source>
        <translation>Edit Title</translation>
    </message>
    <message>
        <source>検索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>すべて展開</source>
        <translation>Expand All</translation>
    </message>
    <message>
        <source>すべて折りたたむ</source>
        <translation>Collapse All</translation>
    </message>
    <message>
        <source>文字を大きく</source>
        <translation>Larger Text</translation>
    </message>
    <message>
        <source>文字を小さく</source>
        <translation>Smaller Text</translation>
    </message>
    <message>
        <source>設定(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>バージョン情報(&amp;A)…</source>
        <translation>&amp;About…</translation>
    </message>
    <message>
        <source>ライセンス(&amp;L)…</source>
        <translation>&amp;Licences…</translation>
    </message>
    <message>
        <source>Qt について</source>
        <translation>About Qt</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>最近使ったファイル(&amp;R)</source>
        <translation>&amp;Recent Files</translation>
    </message>
    <message>
        <source>編集(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>工程表を表示</source>
        <translation>Show Schedule</translation>
    </message>
    <message>
        <source>印刷(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>元に戻す: {what}</source>
        <translation>Undo: {what}</translation>
    </message>
    <message>
        <source>やり直し: {what}</source>
        <translation>Redo: {what}</translation>
    </message>
    <message>
        <source>すべての視点</source>
        <translation>All viewpoints</translation>
    </message>
    <message>
        <source>視点{no} {title}</source>
        <translation>Viewpoint {no} {title}</translation>
    </message>
    <message>
        <source>すべての担当部課</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>評価：すべて</source>
        <translation>Rating: all</translation>
    </message>
    <message>
        <source>未評価</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <source>取組状況：すべて</source>
        <translation>Status: all</translation>
    </message>
    <message>
        <source>取組状況 未入力</source>
        <translation>Status not entered</translation>
    </message>
    <message>
        <source>工程：すべて</source>
        <translation>Phase: all</translation>
    </message>
    <message>
        <source>工程なし</source>
        <translation>No phase</translation>
    </message>
    <message>
        <source>{shown} / {total} 件</source>
        <translation>{shown} / {total}</translation>
    </message>
    <message>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>新しい推進事項</source>
        <translation>New measure</translation>
    </message>
    <message>
        <source>推進事項の削除</source>
        <translation>Delete measure</translation>
    </message>
    <message>
        <source>{title}

この推進事項を、年度別行動計画・工程・評価とあわせて削除しますか？
（「元に戻す」で取り消せます）</source>
        <translation>{title}

Delete this measure together with its action plan, schedule and evaluations?
(Undo can bring it back.)</translation>
    </message>
    <message>
        <source>ファイルを開けません</source>
        <translation>Cannot open the file</translation>
    </message>
    <message>
        <source>{path}

{reason}</source>
        <translation>{path}

{reason}</translation>
    </message>
    <message>
        <source>計画ファイル (*.sqlite *.db);;すべてのファイル (*)</source>
        <translation>Plan files (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>計画ファイルを開く</source>
        <translation>Open Plan File</translation>
    </message>
    <message>
        <source>新しい計画.sqlite</source>
        <translation>new plan.sqlite</translation>
    </message>
    <message>
        <source>新しい計画ファイル</source>
        <translation>New Plan File</translation>
    </message>
    <message>
        <source>新規作成</source>
        <translation>New</translation>
    </message>
    <message>
        <source>開いているファイルと同じ名前は使えません。</source>
        <translation>The name of the open file cannot be used.</translation>
    </message>
    <message>
        <source>作成できません</source>
        <translation>Cannot create the file</translation>
    </message>
    <message>
        <source>_コピー</source>
        <translation>_copy</translation>
    </message>
    <message>
        <source>別名で保存（コピー）</source>
        <translation>Save a Copy As</translation>
    </message>
    <message>
        <source>別名で保存</source>
        <translation>Save a Copy</translation>
    </message>
    <message>
        <source>開いているファイル自身には保存できません。</source>
        <translation>A copy cannot overwrite the open file itself.</translation>
    </message>
    <message>
        <source>コピーを保存しました: {path}</source>
        <translation>Copy saved: {path}</translation>
    </message>
    <message>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>（無題）</source>
        <translation>(untitled)</translation>
    </message>
    <message>
        <source>（読み取り専用）</source>
        <translation> (read-only)</translation>
    </message>
    <message>
        <source>⏳ 処理中… </source>
        <translation>⏳ Working… </translation>
    </message>
    <message>
        <source>ファイル: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>（メモリ上）</source>
        <translation>(in memory)</translation>
    </message>
    <message>
        <source>現在の年度: {year}</source>
        <translation>Current fiscal year: {year}</translation>
    </message>
    <message>
        <source>表示言語は次回の起動から切り替わります。</source>
        <translation>The display language changes the next time the application starts.</translation>
    </message>
</context>
<context>
    <name>MeasureTreeModel</name>
    <message>
        <source>推進事項</source>
        <translation>Measure</translation>
    </message>
    <message>
        <source>担当部課</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>{year}の工程</source>
        <translation>Phase in {year}</translation>
    </message>
    <message>
        <source>工程 {year}</source>
        <translation>Phase {year}</translation>
    </message>
    <message>
        <source>{year}の進捗評価</source>
        <translation>Progress rating for {year}</translation>
    </message>
    <message>
        <source>評価 {year}</source>
        <translation>Rating {year}</translation>
    </message>
    <message>
        <source> ほか{n}</source>
        <translation> +{n}</translation>
    </message>
    <message>
        <source>取組の視点{no}&#x3000;{title}</source>
        <translation>Viewpoint {no}  {title}</translation>
    </message>
    <message>
        <source>推進事項の移動</source>
        <translation>Move measure</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>別のファイルから取り込み — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>すべてこちらを残す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>すべて相手を採用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>両方で変更された記録です。どちらを残すか選んでください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>対象</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>内容</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>採用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>項目</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>こちら</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>相手</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>競合（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取り込む変更（%1）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>取り込む</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>こちらを残す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>相手を採用</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>相手の変更</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>相手で追加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>削除</source>
        <translation type="unfinished">Remove</translation>
    </message>
    <message>
        <source>こちらが新しい</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>「%1」と比べました: 相手の変更 %2 件、相手で追加 %3 件、削除 %4 件、こちらが新しい %5 件、競合 %6 件。取り込むと、先にバックアップを作成してから1回の操作として書き込みます（元に戻せます）。</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OptionalDateEdit</name>
    <message>
        <source>未設定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>日付を消す</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>評価シート（選択中の事項）(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>記入用シート（選択中の事項）(&amp;B)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全事項の評価シート(&amp;A)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全事項の記入用シート(&amp;F)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項一覧及び工程(&amp;O)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価結果一覧(&amp;R)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項一覧及び工程</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>中止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}（{1} / {2}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>帳票を作成できませんでした: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷する推進事項を選択してください</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>記入用シート（№{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価シート（№{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全事項の記入用シート</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全事項の評価シート</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価シートを作成しています</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価結果一覧</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>PDF を表示できません（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷するページがありません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>プリンターを開始できませんでした</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>印刷プレビュー － {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>全 {0} ページ</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>幅に合わせる</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ページ全体</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷(&amp;P)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDFとして保存(&amp;S)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>印刷しています…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>中止</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDFとして保存</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF ファイル (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0} に保存できませんでした: {1}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingBarChart</name>
    <message>
        <source>未評価</source>
        <translation type="unfinished">Not rated</translation>
    </message>
    <message>
        <source>視点{0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>合計</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RatingScaleDialog</name>
    <message>
        <source>評価基準の設定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>進捗評価の段階を設定します。上ほど良い評価です。点数は平均点の計算に使います。記号を変えると、その記号の評価もすべて新しい記号になります。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>記号</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>名称</source>
        <translation type="unfinished">Title</translation>
    </message>
    <message>
        <source>定義</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>点数</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>段階を追加</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>削除</source>
        <translation type="unfinished">Remove</translation>
    </message>
    <message>
        <source>上へ</source>
        <translation type="unfinished">Up</translation>
    </message>
    <message>
        <source>下へ</source>
        <translation type="unfinished">Down</translation>
    </message>
    <message>
        <source>既定に戻す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}行目の点数: {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}行目: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message>
        <source>年度</source>
        <translation type="unfinished">Fiscal years</translation>
    </message>
    <message>
        <source>工程の始まり</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程の終わり</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A4 横</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A3 横</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>用紙</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>プレビュー</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程の始まりが終わりより後になっています</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>設定</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>表示言語</source>
        <translation>Language</translation>
    </message>
    <message>
        <source> ポイント</source>
        <translation> pt</translation>
    </message>
    <message>
        <source>文字の大きさ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <source>見本：推進事項 №1 コミュニティ持続のための新たな人材の発掘</source>
        <translation>Sample: 推進事項 №1 コミュニティ持続のための新たな人材の発掘</translation>
    </message>
    <message>
        <source>見本</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>表示言語の変更は、次にアプリを起動したときに反映されます。</source>
        <translation>A language change takes effect the next time the application starts.</translation>
    </message>
</context>
<context>
    <name>StartRateChart</name>
    <message>
        <source>{0}までに100%</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>工程: {0}</source>
        <extracomment>The user selected a measure here (click or keyboard). Not emitted by :meth:`select_measure`. The vertical scroll position (pixels from the first row) changed.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>なし</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価: {0} {1}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>年度別行動計画</source>
        <translation type="unfinished">Yearly action plan</translation>
    </message>
    <message>
        <source>（この年度の行動計画はありません）</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>行が多すぎて1枚の画像にできません。PDFで書き出してください。</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>画像を保存できませんでした: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項の工程</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDFを作成できませんでした: {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程の移動</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程の期間変更</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程の設定</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程の消去</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{0}にする</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>この年度の工程を消す</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>工程を変更できません</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>【重点】</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>視点 {0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> 今年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>推進事項</source>
        <translation type="unfinished">Measure</translation>
    </message>
    <message>
        <source>凡例</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>今年度</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>前期・後期の境</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>評価（{0}）</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

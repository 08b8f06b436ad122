<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
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

行動計画の項目・年度別行動計画・工程・進捗評価を管理するアプリケーションです。

PySide6 {pyside} / Qt {qt}</source>
        <translation>Version {version}

{plan}

An application for managing the measures, yearly action plans, schedules and progress evaluations of an action plan.

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
        <source>ポータブル版のデータの保存先</source>
        <translation>Where the portable copy keeps its data</translation>
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
    <name>ChoicePage</name>
    <message>
        <source>新しい計画</source>
        <translation>New plan</translation>
    </message>
    <message>
        <source>どのように始めるかを選んでください。</source>
        <translation>Choose how to start.</translation>
    </message>
    <message>
        <source>空の計画（計画名・期間・階層の名称を入力して始める）</source>
        <translation>Empty plan (start by entering the plan name, years and level names)</translation>
    </message>
    <message>
        <source>同梱の見本: {title}</source>
        <translation>Bundled example: {title}</translation>
    </message>
    <message>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>ファイルから（JSON、または構成テンプレートの Excel ブック）</source>
        <translation>From a file (JSON, or an Excel workbook in the structure template)</translation>
    </message>
</context>
<context>
    <name>CommunityListDialog</name>
    <message>
        <source>{unit}の一覧</source>
        <translation>{unit} list</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>新しい{unit}</source>
        <translation>New {unit}</translation>
    </message>
    <message>
        <source>名前はダブルクリックで変更できます。削除した{unit}の記録も削除されます（元に戻せます）。</source>
        <translation>Double-click a name to rename it. Deleting a {unit} also deletes its records (this can be undone).</translation>
    </message>
</context>
<context>
    <name>CommunityMatrixDialog</name>
    <message>
        <source>{unit}別の進捗</source>
        <translation>Progress by {unit}</translation>
    </message>
</context>
<context>
    <name>CommunityMatrixWidget</name>
    <message>
        <source>{unit}別の設定…</source>
        <translation>Settings by {unit}…</translation>
    </message>
    <message>
        <source>{unit}の一覧…</source>
        <translation>{unit} list…</translation>
    </message>
    <message>
        <source>{unit}の記録を書き出し…</source>
        <translation>Export {unit} records…</translation>
    </message>
    <message>
        <source>{unit}の記録を取り込み…</source>
        <translation>Import {unit} records…</translation>
    </message>
    <message>
        <source>PDF に保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>選んだセルの備考（Enter で確定）</source>
        <translation>Note for the selected cell (Enter to confirm)</translation>
    </message>
    <message>
        <source>{word}:</source>
        <translation>{word}:</translation>
    </message>
    <message>
        <source>{unit}別の{word}がありません。「{unit}別の設定…」で{word}を選んで設定してください。</source>
        <translation>No {word} is set up by {unit}. Choose the {word} in &quot;Settings by {unit}…&quot;.</translation>
    </message>
    <message>
        <source>{unit}別の進捗</source>
        <translation>Progress by {unit}</translation>
    </message>
    <message>
        <source>{0} に保存できませんでした: {1}</source>
        <translation>Could not save to {0}: {1}</translation>
    </message>
    <message>
        <source>{unit}の記録を書き出し</source>
        <translation>Export {unit} records</translation>
    </message>
    <message>
        <source>{unit}の記録を取り込み</source>
        <translation>Import {unit} records</translation>
    </message>
    <message>
        <source>備考:</source>
        <translation>Note:</translation>
    </message>
    <message>
        <source>前の年度から引き続き</source>
        <translation>Carried over from the previous year</translation>
    </message>
    <message>
        <source>取り込み {0} 件、こちらが新しいため保持 {1} 件、同じ内容 {2} 件</source>
        <translation>Imported {0}, kept {1} (newer here), {2} identical</translation>
    </message>
    <message>
        <source>PDF に保存</source>
        <translation>Save as PDF</translation>
    </message>
</context>
<context>
    <name>CommunitySetupDialog</name>
    <message>
        <source>選択肢を「、」で区切って入力（例: 未着手、実施中、完了）</source>
        <translation>Enter the choices separated by commas (e.g. Not started, In progress, Done)</translation>
    </message>
    <message>
        <source>{unit}別の設定</source>
        <translation>Settings by {unit}</translation>
    </message>
    <message>
        <source>{unit}ごとに進捗を記録する</source>
        <translation>Record progress for each {unit}</translation>
    </message>
    <message>
        <source>{word}:</source>
        <translation>{word}:</translation>
    </message>
    <message>
        <source>選択肢（「、」区切り）:</source>
        <translation>Choices (comma-separated):</translation>
    </message>
    <message>
        <source>達成とみなす選択肢:</source>
        <translation>Choice counted as done:</translation>
    </message>
    <message>
        <source>集計の表現（例: 改訂済み）:</source>
        <translation>Summary wording (e.g. revised):</translation>
    </message>
    <message>
        <source>（なし: 選択肢ごとに集計）</source>
        <translation>(none: count each choice)</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>未設定（例: 令和6年5月10日、R6.5.10、2024/5/10）</source>
        <translation>Not set (e.g. 令和6年5月10日, R6.5.10, 2024/5/10)</translation>
    </message>
    <message>
        <source>令和6年5月10日、R6.5.10、2024/5/10、2024-05-10、20240510 のどれでも入力できます。空欄にすると未設定になります。</source>
        <translation>Type 令和6年5月10日, R6.5.10, 2024/5/10, 2024-05-10 or 20240510. Leave it empty for &quot;not set&quot;.</translation>
    </message>
    <message>
        <source>カレンダー</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>カレンダーから選ぶ</source>
        <translation>Choose from the calendar</translation>
    </message>
</context>
<context>
    <name>DetailEditor</name>
    <message>
        <source>進捗評価</source>
        <translation>Progress rating</translation>
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
        <source>№{no} は既に使われています（{title}）</source>
        <translation>No. {no} is already used ({title})</translation>
    </message>
    <message>
        <source>№の変更</source>
        <translation>Change number</translation>
    </message>
    <message>
        <source>左の一覧から{word}を選んでください。</source>
        <extracomment>emitted after a field was committed (key)</extracomment>
        <translation>Choose a {word} in the list on the left.</translation>
    </message>
    <message>
        <source>番号（1以上の整数）</source>
        <translation>Number (an integer of 1 or more)</translation>
    </message>
    <message>
        <source>【重点】</source>
        <translation>[Priority]</translation>
    </message>
    <message>
        <source>（№のまま）</source>
        <translation>(same as No.)</translation>
    </message>
    <message>
        <source>№の代わりに表示するコード（例: 1000101、2-3-1）。空欄なら№を表示します</source>
        <translation>Code shown instead of the No. (e.g. 1000101, 2-3-1). Empty shows the No.</translation>
    </message>
    <message>
        <source>計画期間どおり</source>
        <translation>Plan period</translation>
    </message>
    <message>
        <source>実施する年度（例: 2022、令和4年度、R4）。空欄なら計画期間どおり。実施期間外の年度は評価・集計・印刷の対象になりません</source>
        <translation>Fiscal years in which it is carried out (e.g. 2022, 令和4年度, R4). Empty means the plan period. Years outside are not evaluated, counted or printed</translation>
    </message>
    <message>
        <source>表示コード</source>
        <translation>Display code</translation>
    </message>
    <message>
        <source>実施期間</source>
        <translation>Active years</translation>
    </message>
    <message>
        <source>所属</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>関連</source>
        <translation>Relations</translation>
    </message>
    <message>
        <source>（一致）</source>
        <translation>(match)</translation>
    </message>
    <message>
        <source>検索語に一致する内容があります</source>
        <translation>Contains text matching the search</translation>
    </message>
    <message>
        <source>{ref}&#x3000;{title}</source>
        <translation>{ref}&#x3000;{title}</translation>
    </message>
    <message>
        <source>表示コードの変更</source>
        <translation>Change display code</translation>
    </message>
    <message>
        <source>実施期間の変更</source>
        <translation>Change active years</translation>
    </message>
    <message>
        <source>{years}の評価が実施期間の外になります。評価は消えませんが、集計・一覧・印刷の対象から外れます。変更しますか？</source>
        <translation>Evaluations of {years} would fall outside the active years. They are not deleted, but they are no longer counted, listed or printed. Change it?</translation>
    </message>
    <message>
        <source>実施期間は変更しませんでした（{years}の評価があります）</source>
        <translation>The active years were not changed (there are evaluations of {years})</translation>
    </message>
    <message>
        <source>{word}の番号（1以上の整数）</source>
        <translation>{word} number (an integer of 1 or more)</translation>
    </message>
    <message>
        <source>【重点】{word}</source>
        <translation>[Priority] {word}</translation>
    </message>
    <message>
        <source>{ref}との関連</source>
        <translation>Relation to {ref}</translation>
    </message>
    <message>
        <source>年度は 2022、令和4年度、R4 のように入力してください（空欄は計画期間どおり）</source>
        <translation>Enter a year like 2022, 令和4年度 or R4 (empty means the plan period)</translation>
    </message>
    <message>
        <source>№は1～{max}の整数で入力してください</source>
        <translation>Enter the No. as an integer from 1 to {max}</translation>
    </message>
    <message>
        <source>【重点】の変更</source>
        <translation>Change priority</translation>
    </message>
    <message>
        <source>{ref}との関連の変更</source>
        <translation>Change relation to {ref}</translation>
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
    <name>EmptyPlanPage</name>
    <message>
        <source>空の計画</source>
        <translation>Empty plan</translation>
    </message>
    <message>
        <source>後から「計画 → 計画の設定」でいつでも変更できます。</source>
        <translation>You can change all of this later in Plan → Plan Settings.</translation>
    </message>
    <message>
        <source>例: 〇〇市総合計画 実施計画</source>
        <translation>e.g. 〇〇市総合計画 実施計画</translation>
    </message>
    <message>
        <source>計画名</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <source>計画期間（年度、西暦）</source>
        <translation>Plan period (fiscal years, Western calendar)</translation>
    </message>
    <message>
        <source>評価する項目の呼び名</source>
        <translation>Name of the items you evaluate</translation>
    </message>
    <message>
        <source>期間の区切り（任意。前期・後期など）</source>
        <translation>Periods (optional, e.g. first half, second half)</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>開始年度</source>
        <translation>First year</translation>
    </message>
    <message>
        <source>終了年度</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>期間を追加</source>
        <translation>Add period</translation>
    </message>
    <message>
        <source>階層の名称（上の階層から。例: まちづくり方針 → 施策の柱 → 施策）</source>
        <translation>Names of the levels (from the top, e.g. policy → pillar → programme)</translation>
    </message>
    <message>
        <source>略称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>階層を追加</source>
        <translation>Add level</translation>
    </message>
    <message>
        <source>最上位のグループ（1行に1つ。空なら「（名称未設定）」を1つ作ります）</source>
        <translation>Top-level groups (one per line; if empty, one &quot;(unnamed)&quot; group is created)</translation>
    </message>
</context>
<context>
    <name>EvaluationHistoryDialog</name>
    <message>
        <source>評価の履歴</source>
        <translation>Evaluation History</translation>
    </message>
</context>
<context>
    <name>EvaluationHistoryWidget</name>
    <message>
        <source>評価のない年度も表示</source>
        <translation>Show years without an evaluation</translation>
    </message>
    <message>
        <source>工程</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>取組状況</source>
        <translation>Status of work</translation>
    </message>
    <message>
        <source>進捗評価</source>
        <translation>Progress rating</translation>
    </message>
    <message>
        <source>今年度の出発点</source>
        <translation>Starting point</translation>
    </message>
    <message>
        <source>今年度の取組予定</source>
        <translation>Planned work</translation>
    </message>
    <message>
        <source>取組実績</source>
        <translation>Achievements</translation>
    </message>
    <message>
        <source>成果指標</source>
        <translation>Outcome indicators</translation>
    </message>
    <message>
        <source>課題</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>改善策・次年度の取組</source>
        <translation>Improvements / next year&apos;s work</translation>
    </message>
    <message>
        <source>今後の方向性</source>
        <translation>Future direction</translation>
    </message>
    <message>
        <source>{word}を選択してください</source>
        <translation>Select a {word}</translation>
    </message>
    <message>
        <source>この{word}にはまだ評価がありません</source>
        <translation>This {word} has no evaluation yet</translation>
    </message>
    <message>
        <source>評価の履歴: {0}</source>
        <translation>Evaluation history: {0}</translation>
    </message>
    <message>
        <source>{stage}の評価・意見</source>
        <translation>Rating and opinion of {stage}</translation>
    </message>
    <message>
        <source>（評価なし）</source>
        <translation>(no evaluation)</translation>
    </message>
    <message>
        <source>（ロック解除中）</source>
        <translation> (unlocked)</translation>
    </message>
</context>
<context>
    <name>EvaluationModeWindow</name>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>担当部課(&amp;D)</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>未入力のみ(&amp;M)</source>
        <translation>&amp;Missing only</translation>
    </message>
    <message>
        <source>№</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>未入力</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>← 前へ</source>
        <translation>← Previous</translation>
    </message>
    <message>
        <source>前の{word}（Ctrl+PgUp）</source>
        <translation>Previous {word} (Ctrl+PgUp)</translation>
    </message>
    <message>
        <source>次へ →</source>
        <translation>Next →</translation>
    </message>
    <message>
        <source>次の{word}（Ctrl+PgDown）</source>
        <translation>Next {word} (Ctrl+PgDown)</translation>
    </message>
    <message>
        <source>次の未入力へ ⇥</source>
        <translation>Next missing ⇥</translation>
    </message>
    <message>
        <source>まだ入力が足りない次の{word}（Ctrl+Shift+PgDown）</source>
        <translation>Next {word} with missing input (Ctrl+Shift+PgDown)</translation>
    </message>
    <message>
        <source>すべての担当部課</source>
        <translation>All departments</translation>
    </message>
    <message>
        <source>未作成</source>
        <translation>Not created</translation>
    </message>
    <message>
        <source>済</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>未入力: {0}</source>
        <translation>Missing: {0}</translation>
    </message>
    <message>
        <source>{0}：入力済み {1} / {2} 件</source>
        <translation>{0}: {1} / {2} filled in</translation>
    </message>
    <message>
        <source>{0}の未入力はありません</source>
        <translation>Nothing is missing for {0}</translation>
    </message>
    <message>
        <source>評価の入力 — {0}</source>
        <translation>Evaluation input — {0}</translation>
    </message>
    <message>
        <source>評価の入力（全事項を順に）(&amp;E)…</source>
        <translation>&amp;Evaluation Input (All Measures in Turn)…</translation>
    </message>
    <message>
        <source>年度の全事項の評価を、一覧を見ながら順に入力します</source>
        <translation>Enter the evaluations of all measures of the year in turn, with the list in view</translation>
    </message>
</context>
<context>
    <name>EvaluationOverviewDialog</name>
    <message>
        <source>評価の概要</source>
        <translation>Evaluation Overview</translation>
    </message>
</context>
<context>
    <name>EvaluationOverviewWidget</name>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>進捗評価の分布</source>
        <translation>Distribution of progress ratings</translation>
    </message>
    <message>
        <source>着手率</source>
        <translation>Start rate</translation>
    </message>
    <message>
        <source>評価済み {0} / {1} 件（未評価 {2} 件）&#x3000;平均 {3} 点</source>
        <translation>Rated {0} / {1} ({2} not rated)   Average score {3}</translation>
    </message>
    <message>
        <source>ダブルクリックで開く</source>
        <translation>Double-click to open</translation>
    </message>
    <message>
        <source>一覧の{word}をダブルクリックすると、その{word}を開きます。</source>
        <translation>Double-click a {word} in the list to open it.</translation>
    </message>
    <message>
        <source>{meeting}確定前の評価（{mark}）も数える</source>
        <translation>Also count ratings not yet confirmed by {meeting} ({mark})</translation>
    </message>
    <message>
        <source>すべての{word}が評価済みです</source>
        <translation>Every {word} is rated</translation>
    </message>
    <message>
        <source>{0} 評価の{word}</source>
        <translation>{word} rated {0}</translation>
    </message>
    <message>
        <source>低い評価の{word}</source>
        <translation>{word} with a low rating</translation>
    </message>
    <message>
        <source>未評価の{word}</source>
        <translation>{word} not rated</translation>
    </message>
    <message>
        <source>」または「</source>
        <translation>&quot; or &quot;</translation>
    </message>
    <message>
        <source>着手: その年度までのいずれかの評価で取組状況が「{0}」</source>
        <translation>Started: the status of work was &quot;{0}&quot; in any evaluation up to that year</translation>
    </message>
    <message>
        <source>該当する{word}はありません</source>
        <translation>No matching {word}</translation>
    </message>
    <message>
        <source>集計には{meeting}で確定していない評価（{mark}）{n} 件を含みます（印刷で「会議確定前の評価も含める」を選んだときと同じ）。</source>
        <translation>The figures include {n} ratings not confirmed by {meeting} ({mark}) (as when printing with &quot;Include evaluations not yet confirmed by the meeting&quot;).</translation>
    </message>
    <message>
        <source>集計は{meeting}で確定した評価（{final}）のみです（印刷と同じ）。確定していない評価 {n} 件は未評価として数え、一覧に「（{mark} B）」のように示します。</source>
        <translation>The figures count only ratings confirmed by {meeting} ({final}), as on paper. {n} unconfirmed ratings count as not rated and are listed like &quot;({mark} B)&quot;.</translation>
    </message>
    <message>
        <source>未評価</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <source>平均点</source>
        <translation>Average</translation>
    </message>
    <message>
        <source>着手</source>
        <translation>Started</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>{level}ごと</source>
        <translation>Per {level}</translation>
    </message>
    <message>
        <source>最上位のグループ</source>
        <translation>Top-level groups</translation>
    </message>
    <message>
        <source>すべての階層のグループごと</source>
        <translation>Per group at every level</translation>
    </message>
    <message>
        <source>&lt;b style=&apos;font-size:16pt&apos;&gt;{0}&lt;/b&gt;&#x3000;（{1} / {2} 件が着手）</source>
        <translation>&lt;b style=&apos;font-size:16pt&apos;&gt;{0}&lt;/b&gt;  ({1} of {2} started)</translation>
    </message>
    <message>
        <source>{0}までに全件着手の目標を達成しています。</source>
        <translation>The goal of starting every measure by {0} has been reached.</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;目標の{0}を過ぎて、{1} 件が未着手です。&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;The target year {0} has passed and {1} measures have not started.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#b9770e&apos;&gt;目標の{0}中に、残り {1} 件の着手が必要です。&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#b9770e&apos;&gt;{1} more must be started within the target {0}.&lt;/span&gt;</translation>
    </message>
    <message>
        <source>（今年度が目標年度です）</source>
        <translation> (this year is the target year)</translation>
    </message>
    <message>
        <source>{0}までに100%：残り {1} 件、あと {2} 年度（年 {3} 件のペース）</source>
        <translation>100% by {0}: {1} to go in {2} years ({3} per year)</translation>
    </message>
</context>
<context>
    <name>EvaluationPanel</name>
    <message>
        <source>今年度の出発点（前年度の課題）</source>
        <translation>Starting point (last year&apos;s issues)</translation>
    </message>
    <message>
        <source>今年度の取組予定（前年度の改善策）</source>
        <translation>Planned work (last year&apos;s improvements)</translation>
    </message>
    <message>
        <source>取組状況</source>
        <translation>Status of work</translation>
    </message>
    <message>
        <source>進捗評価</source>
        <translation>Progress rating</translation>
    </message>
    <message>
        <source>取組実績</source>
        <translation>Achievements</translation>
    </message>
    <message>
        <source>成果指標</source>
        <translation>Outcome indicators</translation>
    </message>
    <message>
        <source>課題</source>
        <translation>Issues</translation>
    </message>
    <message>
        <source>改善策・次年度の取組</source>
        <translation>Improvements / next year&apos;s work</translation>
    </message>
    <message>
        <source>今後の方向性</source>
        <translation>Future direction</translation>
    </message>
    <message>
        <source>{0}の評価のロックを解除します。理由を入力してください（変更履歴に記録されます）。</source>
        <translation>Unlocking the evaluation of {0}. Please give a reason (it is recorded in the change history).</translation>
    </message>
    <message>
        <source>{0}にすると、ロックを解除するまで編集できなくなります。確定しますか？</source>
        <translation>Setting it to {0} locks it until it is unlocked. Confirm?</translation>
    </message>
    <message>
        <source>{stage}の自己評価</source>
        <translation>Self-evaluation by {stage}</translation>
    </message>
    <message>
        <source>{word}を選択してください</source>
        <translation>Select a {word}</translation>
    </message>
    <message>
        <source>{year}は実施期間外です（評価しません）。実施期間は基本情報で変更できます。</source>
        <translation>{year} is outside the active years (not evaluated). Change the active years under basic information.</translation>
    </message>
    <message>
        <source>記入者</source>
        <translation>Entered by</translation>
    </message>
    <message>
        <source>評価日</source>
        <translation>Rating date</translation>
    </message>
    <message>
        <source>前年度から開始</source>
        <translation>Carry Over</translation>
    </message>
    <message>
        <source>今年度の出発点</source>
        <translation>Starting point</translation>
    </message>
    <message>
        <source>進捗状況の評価</source>
        <translation>Progress evaluation</translation>
    </message>
    <message>
        <source>（未選択）</source>
        <translation>(not selected)</translation>
    </message>
    <message>
        <source>（未評価）</source>
        <translation>(not rated)</translation>
    </message>
    <message>
        <source>評価基準…</source>
        <translation>Rating Scale…</translation>
    </message>
    <message>
        <source>所管課</source>
        <extracomment>From this panel width on, the year&apos;s plan stands beside the form. Below this form width, labels stand above their fields. The label column is as wide as this text (longer labels wrap).</extracomment>
        <translation>Department</translation>
    </message>
    <message>
        <source>{stage}の評価</source>
        <translation>Rating by {stage}</translation>
    </message>
    <message>
        <source>{stage}のコメント</source>
        <translation>Comment by {stage}</translation>
    </message>
    <message>
        <source>{stage}の意見</source>
        <translation>Opinion of {stage}</translation>
    </message>
    <message>
        <source>評価の段階（記号・名称・定義・点数）を設定します</source>
        <translation>Sets the rating levels (symbol, name, definition, points)</translation>
    </message>
    <message>
        <source>{0}の変更</source>
        <translation>Edit {0}</translation>
    </message>
    <message>
        <source>ロック解除</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>評価の削除</source>
        <translation>Delete Evaluation</translation>
    </message>
    <message>
        <source>{0}の評価を削除しますか？（元に戻すことができます）</source>
        <translation>Delete the evaluation for {0}? (Undo can bring it back.)</translation>
    </message>
    <message>
        <source>今年度の出発点と取組予定を前年度の課題・改善策で置き換えますか？</source>
        <translation>Replace this year&apos;s starting point and planned work with last year&apos;s issues and improvements?</translation>
    </message>
    <message>
        <source>{0}の計画</source>
        <translation>Plan for {0}</translation>
    </message>
    <message>
        <source>工程</source>
        <translation>Phase</translation>
    </message>
    <message>
        <source>（この年度の工程はありません）</source>
        <translation>(no phase in this year)</translation>
    </message>
    <message>
        <source>年度別行動計画</source>
        <translation>Yearly action plan</translation>
    </message>
    <message>
        <source>この年度を含む行動計画はありません</source>
        <translation>No action plan covers this year</translation>
    </message>
    <message>
        <source>{0}の評価</source>
        <translation>Evaluation for {0}</translation>
    </message>
    <message>
        <source>未評価</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <source>工程: {phase}</source>
        <translation>Schedule: {phase}</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <source>行動計画 {count} 項目: ◆ {first}</source>
        <translation>{count} action plan items: ◆ {first}</translation>
    </message>
    <message>
        <source>（チェックで表示）</source>
        <translation>(tick to show)</translation>
    </message>
</context>
<context>
    <name>EvaluationWorkflowBar</name>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>&amp;Year</translation>
    </message>
    <message>
        <source>前年度から開始</source>
        <translation>Start from last year</translation>
    </message>
    <message>
        <source>前年度の課題を今年度の出発点に、改善策を今年度の取組予定に引き継ぎます</source>
        <translation>Carries last year&apos;s issues over as this year&apos;s starting point and the improvements as this year&apos;s plan</translation>
    </message>
    <message>
        <source>下書きに戻す</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <source>ロック解除…</source>
        <translation>Unlock…</translation>
    </message>
    <message>
        <source>再ロック</source>
        <translation>Lock again</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>この年度の評価を削除します</source>
        <translation>Deletes the evaluation of this year</translation>
    </message>
    <message>
        <source>履歴</source>
        <translation>History</translation>
    </message>
    <message>
        <source>全年度の評価を並べて表示します</source>
        <translation>Shows the evaluations of all years side by side</translation>
    </message>
    <message>
        <source>評価の入力画面…</source>
        <translation>Evaluation input window…</translation>
    </message>
    <message>
        <source>年度の全事項を一覧から順に入力する画面を開きます（Ctrl+Shift+E）</source>
        <translation>Opens the window for entering all measures of the year in turn from a list (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>{stage}の評価で確定し、編集できないようにします</source>
        <translation>Confirms it as the rating by {stage} and locks it</translation>
    </message>
    <message>
        <source>{stage}の評価を確定します</source>
        <translation>Confirm the rating by {stage}</translation>
    </message>
    <message>
        <source>{0}の評価を編集できるようにします（変更履歴に記録されます）</source>
        <translation>Makes the evaluation of {0} editable again (recorded in the change history)</translation>
    </message>
    <message>
        <source>{0}の評価を再び編集できないようにします</source>
        <translation>Locks the evaluation of {0} again</translation>
    </message>
    <message>
        <source>一つ前の段階に戻します</source>
        <translation>Goes back one stage</translation>
    </message>
    <message>
        <source>  （期間外）</source>
        <translation>  (outside active years)</translation>
    </message>
    <message>
        <source>未作成</source>
        <translation>Not created</translation>
    </message>
    <message>
        <source>・ロック中</source>
        <translation> · locked</translation>
    </message>
    <message>
        <source>・ロック解除中</source>
        <translation> · unlocked</translation>
    </message>
    <message>
        <source>{0}に戻す</source>
        <translation>Back to {0}</translation>
    </message>
    <message>
        <source>この評価は{0}のため編集できません（読み取り専用）。訂正が必要なときは、この上の「ロック解除…」を押してください。</source>
        <translation>This evaluation cannot be edited because it is {0} (read-only). To correct it, press &quot;Unlock…&quot; above.</translation>
    </message>
    <message>
        <source>{0}の評価のロックを解除して編集しています。訂正が済んだら「再ロック」を押してください。</source>
        <translation>You are editing the evaluation of {0} unlocked. When the correction is done, press &quot;Lock again&quot;.</translation>
    </message>
    <message>
        <source>このファイルは読み取り専用で開かれています。</source>
        <translation>This file is open read-only.</translation>
    </message>
</context>
<context>
    <name>ExchangeDialogs</name>
    <message>
        <source>両方で変更されています</source>
        <translation>Changed in both files</translation>
    </message>
    <message>
        <source>相手で削除され、こちらで変更されています</source>
        <translation>Deleted there, changed here</translation>
    </message>
    <message>
        <source>こちらで削除され、相手で変更されています</source>
        <translation>Deleted here, changed there</translation>
    </message>
    <message>
        <source>新規</source>
        <translation>New</translation>
    </message>
    <message>
        <source>変更</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>変更なし</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>変更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>変更後</source>
        <translation>After</translation>
    </message>
    <message>
        <source>対象・項目</source>
        <translation>Target · field</translation>
    </message>
    <message>
        <source>計画ファイル・変更パッケージ (*.sqlite *.db *.json);;計画ファイル (*.sqlite *.db);;変更パッケージ (*.json)</source>
        <translation>Plan files and change packages (*.sqlite *.db *.json);;Plan files (*.sqlite *.db);;Change packages (*.json)</translation>
    </message>
    <message>
        <source>取り込み</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>このファイルは読み取り専用で開かれているため、取り込めません。</source>
        <translation>This file is open read-only, so nothing can be imported into it.</translation>
    </message>
    <message>
        <source>エクスポート</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>書き出せませんでした。</source>
        <translation>Could not export.</translation>
    </message>
    <message>
        <source>書き出しました:</source>
        <translation>Exported:</translation>
    </message>
    <message>
        <source>インポート</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>インポート: %1</source>
        <translation>Import: %1</translation>
    </message>
    <message>
        <source>取り込みました（新規 %1 件、変更 %2 件）。編集 → 元に戻す で取り消せます。</source>
        <translation>Imported (%1 new, %2 changed). Edit → Undo reverts it.</translation>
    </message>
    <message>
        <source>別のファイルから取り込み</source>
        <translation>Merge from Another File</translation>
    </message>
    <message>
        <source>開いているファイル自身は取り込めません。</source>
        <translation>The open file cannot be merged into itself.</translation>
    </message>
    <message>
        <source>「%1」から取り込む変更はありません。</source>
        <translation>There are no changes to take from “%1”.</translation>
    </message>
    <message>
        <source>取り込み: %1</source>
        <translation>Merge: %1</translation>
    </message>
    <message>
        <source>取り込みました（更新・追加 %1 件、削除 %2 件）。編集 → 元に戻す で取り消せます。</source>
        <translation>Merged (%1 updated or added, %2 deleted). Edit → Undo reverts it.</translation>
    </message>
    <message>
        <source>エクスポート(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>インポート(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>別のファイルから取り込み(&amp;M)…</source>
        <translation>&amp;Merge from Another File…</translation>
    </message>
    <message>
        <source>Excel ブック・CSV・評価入力シートに書き出します</source>
        <translation>Exports an Excel workbook, CSV files or evaluation input sheets</translation>
    </message>
    <message>
        <source>書き出した Excel/CSV や記入済みの評価入力シートを読み込みます（確認してから適用）</source>
        <translation>Reads an exported Excel/CSV file or a filled-in evaluation input sheet (you confirm before it is applied)</translation>
    </message>
    <message>
        <source>別のパソコンの計画ファイルや変更パッケージの変更を取り込みます</source>
        <translation>Takes in the changes of a plan file or change package from another computer</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>エクスポート</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Excel ブック（{word}・工程・行動計画・評価）</source>
        <translation>Excel workbook ({word}, schedules, action plans, evaluations)</translation>
    </message>
    <message>
        <source>CSV（表ごとに1ファイル）</source>
        <translation>CSV (one file per table)</translation>
    </message>
    <message>
        <source>評価入力シート（担当部課ごと、Excel）</source>
        <translation>Evaluation input sheet (per department, Excel)</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>評価の年度</source>
        <translation>Evaluation year</translation>
    </message>
    <message>
        <source>担当部課</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>UTF-8（BOM 付き、Excel で開けます）</source>
        <translation>UTF-8 (with BOM, opens in Excel)</translation>
    </message>
    <message>
        <source>Shift_JIS（cp932、古いソフト向け）</source>
        <translation>Shift_JIS (cp932, for older software)</translation>
    </message>
    <message>
        <source>CSV の文字コード</source>
        <translation>CSV encoding</translation>
    </message>
    <message>
        <source>書き出す…</source>
        <translation>Export…</translation>
    </message>
</context>
<context>
    <name>FailureReporterText</name>
    <message>
        <source>元に戻す・やり直しができませんでした</source>
        <translation>Undo or redo failed</translation>
    </message>
    <message>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>入力内容を確認してください</source>
        <translation>Please check your input</translation>
    </message>
    <message>
        <source>変更できません</source>
        <translation>Cannot change</translation>
    </message>
</context>
<context>
    <name>FileHandling</name>
    <message>
        <source>計画ファイル (*.sqlite *.db);;すべてのファイル (*)</source>
        <translation>Plan files (*.sqlite *.db);;All files (*)</translation>
    </message>
    <message>
        <source>計画ファイルを開く</source>
        <translation>Open Plan File</translation>
    </message>
    <message>
        <source>新しい計画ファイル</source>
        <translation>New Plan File</translation>
    </message>
    <message>
        <source>新しい計画.sqlite</source>
        <translation>New plan.sqlite</translation>
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
        <translation>Cannot create</translation>
    </message>
    <message>
        <source>{path}

{reason}</source>
        <translation>{path}

{reason}</translation>
    </message>
    <message>
        <source>別名で保存</source>
        <translation>Save As</translation>
    </message>
    <message>
        <source>_コピー</source>
        <translation>_copy</translation>
    </message>
    <message>
        <source>開いているファイル自身には保存できません。</source>
        <translation>Cannot save into the open file itself.</translation>
    </message>
    <message>
        <source>保存できません</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>コピーを保存しました: {path}</source>
        <translation>Saved a copy: {path}</translation>
    </message>
    <message>
        <source>{path} に保存し、このファイルを開きました（元のファイル: {original}）</source>
        <translation>Saved to {path} and opened it (original file: {original})</translation>
    </message>
    <message>
        <source>（メモリ上）</source>
        <translation>(in memory)</translation>
    </message>
    <message>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>FileWatchText</name>
    <message>
        <source>読み取り専用で開いています</source>
        <translation>Opened read-only</translation>
    </message>
    <message>
        <source>読み取り専用で開いています（{reason}）。変更はできません。</source>
        <translation>Opened read-only ({reason}). Nothing can be changed.</translation>
    </message>
    <message>
        <source>ファイルを読み込み直せません</source>
        <translation>Cannot reload the file</translation>
    </message>
    <message>
        <source>このファイルはほかのプログラムで変更されましたが、読み込み直せませんでした。

{reason}

これ以上の変更は保存されない可能性があります。ファイルを開き直してください。</source>
        <translation>This file was changed by another program, but it could not be reloaded.

{reason}

Further changes may not be saved. Please open the file again.</translation>
    </message>
</context>
<context>
    <name>FromFilePage</name>
    <message>
        <source>ファイルから</source>
        <translation>From a file</translation>
    </message>
    <message>
        <source>計画の JSON ファイル（plan-desktop/1）か、構成テンプレートの Excel ブックを選んでください。</source>
        <translation>Choose a plan JSON file (plan-desktop/1) or an Excel workbook in the structure template.</translation>
    </message>
    <message>
        <source>選ぶ…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>構成テンプレートを保存…</source>
        <translation>Save structure template…</translation>
    </message>
    <message>
        <source>空の構成テンプレート（説明付きの Excel ブック）を保存します</source>
        <translation>Saves an empty structure template (an Excel workbook with instructions)</translation>
    </message>
    <message>
        <source>計画のファイル</source>
        <translation>Plan file</translation>
    </message>
    <message>
        <source>計画のファイル (*.json *.xlsx);;すべてのファイル (*)</source>
        <translation>Plan files (*.json *.xlsx);;All files (*)</translation>
    </message>
    <message>
        <source>構成テンプレートを保存</source>
        <translation>Save structure template</translation>
    </message>
    <message>
        <source>構成テンプレート.xlsx</source>
        <translation>structure template.xlsx</translation>
    </message>
    <message>
        <source>〇〇市 実施計画</source>
        <translation>〇〇市 実施計画</translation>
    </message>
    <message>
        <source>保存できません: {reason}</source>
        <translation>Cannot save: {reason}</translation>
    </message>
    <message>
        <source>構成テンプレートを保存しました: {path}</source>
        <translation>Saved the structure template: {path}</translation>
    </message>
    <message>
        <source>読み込めません（{n} 件の問題）。ファイルを直してから選び直してください。</source>
        <translation>Cannot read it ({n} problems). Please correct the file and choose it again.</translation>
    </message>
    <message>
        <source>「{title}」（{years}）: グループ {g} 件、{word} {m} 件</source>
        <translation>&quot;{title}&quot; ({years}): {g} groups, {m} {word}</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>使い方ガイド</source>
        <extracomment>Chapters (anchors of index.html) the window can open at.</extracomment>
        <translation>User Guide</translation>
    </message>
    <message>
        <source>← 戻る</source>
        <translation>← Back</translation>
    </message>
    <message>
        <source>進む →</source>
        <translation>Forward →</translation>
    </message>
    <message>
        <source>目次</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>使い方ガイドが見つかりません: {0}</source>
        <translation>User guide not found: {0}</translation>
    </message>
    <message>
        <source>外部のページ: {0}</source>
        <translation>External page: {0}</translation>
    </message>
    <message>
        <source>使い方ガイド(&amp;G)</source>
        <translation>User &amp;Guide</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>取り込みの確認 — %1</source>
        <translation>Import Preview — %1</translation>
    </message>
    <message>
        <source>シート</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>列</source>
        <translation>Column</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>変更のある項目だけ表示</source>
        <translation>Show changed fields only</translation>
    </message>
    <message>
        <source>これらの項目を空欄にする（入力済みの内容を消す）ことを確認しました</source>
        <translation>I confirm emptying these fields (erasing what was entered)</translation>
    </message>
    <message>
        <source>適用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <source>「%1」に問題が %2 件あります。直してからもう一度取り込んでください。データベースは変更していません。</source>
        <translation>“%1” has %2 problem(s). Fix them and import again. The database has not been changed.</translation>
    </message>
    <message>
        <source>…ほか %1 件</source>
        <translation>…and %1 more</translation>
    </message>
    <message>
        <source>空欄のセルによって、入力済みの内容が消える項目が %1 件あります。ほかの課が記入しなかっただけの空欄かもしれません。消してよい場合だけ、下の欄に印を付けてください。</source>
        <translation>%1 fields would lose their entered content because of blank cells. The blanks may only mean another department did not fill them in. Tick the box below only if they may be erased.</translation>
    </message>
    <message>
        <source>「%1」（%2）: 変更はありません。</source>
        <translation>“%1” (%2): no changes.</translation>
    </message>
    <message>
        <source>「%1」（%2）: 新規 %3 件、変更 %4 件、変更なし %5 件。適用すると、先にバックアップを作成してから1回の操作として書き込みます（元に戻せます）。</source>
        <translation>“%1” (%2): %3 new, %4 changed, %5 unchanged. Apply makes a backup first, then writes everything as one step (Undo can revert it).</translation>
    </message>
    <message>
        <source>非表示の行 %1 行も、表示されている行と同じように取り込みます。</source>
        <translation>%1 hidden rows are imported like the visible ones.</translation>
    </message>
    <message>
        <source>送付したときのまま変更されていない欄 %1 件は未回答とみなし、いま保存されている内容をそのまま残します。</source>
        <translation>%1 cells still hold what was sent; they count as no answer and the stored content stays as it is.</translation>
    </message>
</context>
<context>
    <name>IndicatorEditor</name>
    <message>
        <source>指標名</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>基準値</source>
        <translation>Baseline</translation>
    </message>
    <message>
        <source>目標値</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>実績値</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>達成率</source>
        <translation>Achievement</translation>
    </message>
    <message>
        <source>達成率 = 実績値 ÷ 目標値 × 100（目標値が0より大きいときだけ計算します）</source>
        <translation>Achievement = actual ÷ target × 100 (computed only when the target is greater than 0)</translation>
    </message>
    <message>
        <source>指標を追加</source>
        <translation>Add indicator</translation>
    </message>
    <message>
        <source>指標を削除</source>
        <translation>Delete indicator</translation>
    </message>
    <message>
        <source>実績値 ÷ 目標値 × 100</source>
        <translation>actual ÷ target × 100</translation>
    </message>
    <message>
        <source>{0}行目の{1}: {2}</source>
        <translation>Row {0}, {1}: {2}</translation>
    </message>
    <message>
        <source>成果指標の変更</source>
        <translation>Change outcome indicators</translation>
    </message>
    <message>
        <source>新しい指標</source>
        <translation>New indicator</translation>
    </message>
    <message>
        <source>成果指標の追加</source>
        <translation>Add outcome indicator</translation>
    </message>
    <message>
        <source>成果指標の削除</source>
        <translation>Delete outcome indicator</translation>
    </message>
</context>
<context>
    <name>LateDamageText</name>
    <message>
        <source>保存されなかった入力</source>
        <translation>Input not saved</translation>
    </message>
    <message>
        <source>次の入力は、壊れたファイルには保存できませんでした。必要なら、もう一度入力してください。

{texts}</source>
        <translation>The following input could not be saved to the damaged file. If needed, enter it again.

{texts}</translation>
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <source>削除</source>
        <translation>Delete</translation>
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
        <source>ダブルクリックで色を選びます</source>
        <translation>Double-click to choose a colour</translation>
    </message>
    <message>
        <source>色を選ぶ</source>
        <translation>Choose colour</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>工程表</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>新規作成(&amp;N)…</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>開く(&amp;O)…</source>
        <translation>&amp;Open…</translation>
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
        <source>空の計画・同梱の見本・ファイル（JSON、構成テンプレート）から新しい計画ファイルを作成します</source>
        <translation>Creates a new plan file: empty, the bundled example, or from a file (JSON, structure template)</translation>
    </message>
    <message>
        <source>別名で保存(&amp;A)…</source>
        <translation>Save &amp;As…</translation>
    </message>
    <message>
        <source>別の名前・場所に保存し、以後はそのファイルを編集します（元のファイルはそのまま残ります）</source>
        <translation>Saves under another name or place and continues editing that file (the original file stays as it is)</translation>
    </message>
    <message>
        <source>事項の追加(&amp;I)</source>
        <translation>Add Measure (&amp;I)</translation>
    </message>
    <message>
        <source>事項の複製(&amp;C)</source>
        <translation>Duplicate Measure (&amp;C)</translation>
    </message>
    <message>
        <source>事項の削除(&amp;D)…</source>
        <translation>Delete Measure (&amp;D)…</translation>
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
        <source>検索(&amp;F)</source>
        <translation>&amp;Find</translation>
    </message>
    <message>
        <source>設定(&amp;S)…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>評価の概要（ダッシュボード）(&amp;O)…</source>
        <translation>Evaluation &amp;Overview (Dashboard)…</translation>
    </message>
    <message>
        <source>年度ごとの評価の集計、着手率、未評価・遅れている事項</source>
        <translation>Ratings per fiscal year, start rate, measures not rated or behind</translation>
    </message>
    <message>
        <source>評価の履歴(&amp;H)…</source>
        <translation>Evaluation &amp;History…</translation>
    </message>
    <message>
        <source>選択中の事項の全年度の評価を並べて表示します</source>
        <translation>Shows the evaluations of all years of the selected measure side by side</translation>
    </message>
    <message>
        <source>Qt について(&amp;Q)</source>
        <translation>About &amp;Qt</translation>
    </message>
    <message>
        <source>工程表を表示(&amp;T)</source>
        <translation>Show Schedule Char&amp;t</translation>
    </message>
    <message>
        <source>{word}の追加(&amp;I)</source>
        <translation>Add {word} (&amp;I)</translation>
    </message>
    <message>
        <source>{word}の複製(&amp;C)</source>
        <translation>Duplicate {word} (&amp;C)</translation>
    </message>
    <message>
        <source>{word}の削除(&amp;D)…</source>
        <translation>Delete {word} (&amp;D)…</translation>
    </message>
    <message>
        <source>選択中の{word}の全年度の評価を並べて表示します</source>
        <translation>Shows the evaluations of all years of the selected {word} side by side</translation>
    </message>
    <message>
        <source>新しい{word}</source>
        <translation>New {word}</translation>
    </message>
    <message>
        <source>{word}の削除</source>
        <translation>Delete {word}</translation>
    </message>
    <message>
        <source>{title}

この{word}を、年度別行動計画・工程・評価とあわせて削除しますか？
（「元に戻す」で取り消せます）</source>
        <translation>{title}

Delete this {word} together with its yearly action plan, schedule and evaluations?
(Undo can bring it back.)</translation>
    </message>
    <message>
        <source>表示コードのある{word}が {n} 件あります（例: {example}）。
表示コードは変更せず、表示コードのない{word}の№と内部の番号だけを表示順に振り直します。続けますか？</source>
        <translation>{n} {word} have a display code (e.g. {example}).
Display codes stay unchanged; only the No. and internal numbers of {word} without a display code are renumbered in display order. Continue?</translation>
    </message>
    <message>
        <source>評価基準の設定(&amp;S)…</source>
        <translation>Rating &amp;Scale…</translation>
    </message>
    <message>
        <source>上へ移動(&amp;M)</source>
        <translation>&amp;Move Up</translation>
    </message>
    <message>
        <source>下へ移動(&amp;W)</source>
        <translation>Move Do&amp;wn</translation>
    </message>
    <message>
        <source>番号（№）を振り直す(&amp;N)</source>
        <translation>Re&amp;number (No.)</translation>
    </message>
    <message>
        <source>名称を編集(&amp;T)</source>
        <translation>Edi&amp;t Title</translation>
    </message>
    <message>
        <source>すべて展開(&amp;X)</source>
        <translation>E&amp;xpand All</translation>
    </message>
    <message>
        <source>すべて折りたたむ(&amp;C)</source>
        <translation>&amp;Collapse All</translation>
    </message>
    <message>
        <source>文字を大きく(&amp;L)</source>
        <translation>&amp;Larger Text</translation>
    </message>
    <message>
        <source>文字を小さく(&amp;M)</source>
        <translation>S&amp;maller Text</translation>
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
        <source>印刷(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>自動バックアップ</source>
        <translation>Automatic backup</translation>
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
    <name>MeasureBrowser</name>
    <message>
        <source>検索（名称・コード・課題・推進内容・行動計画・担当部課・年度 R6）</source>
        <extracomment>The user moved the tree&apos;s current row to a measure (its id). The measures shown (filter, order) changed; emitted once after a burst of row signals.</extracomment>
        <translation>Search (name, code, issues, content, action plan, departments, year R6)</translation>
    </message>
    <message>
        <source>検索中…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <source>【重点】のみ</source>
        <translation>[Priority] only</translation>
    </message>
    <message>
        <source>工程・評価の列と、評価・取組状況・工程の絞り込みが対象とする年度</source>
        <translation>Year used by the schedule and rating columns and by the rating, status and schedule filters</translation>
    </message>
    <message>
        <source>条件をクリア</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>すべての{level}</source>
        <translation>All {level}</translation>
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
        <translation>Status missing</translation>
    </message>
    <message>
        <source>工程：すべて</source>
        <translation>Schedule: all</translation>
    </message>
    <message>
        <source>工程なし</source>
        <translation>No schedule</translation>
    </message>
    <message>
        <source>{shown} / {total} 件</source>
        <translation>{shown} / {total}</translation>
    </message>
</context>
<context>
    <name>MeasureTreeModel</name>
    <message>
        <source>担当部課</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>{year}の工程</source>
        <translation>Phase in {year}</translation>
    </message>
    <message>
        <source>工程
{year}</source>
        <translation>Schedule
{year}</translation>
    </message>
    <message>
        <source>評価
{year}</source>
        <translation>Rating
{year}</translation>
    </message>
    <message>
        <source>この年度は実施期間外です</source>
        <translation>This year is outside the active years</translation>
    </message>
    <message>
        <source>
実施期間: {lo}～{hi}</source>
        <translation>
Active years: {lo}–{hi}</translation>
    </message>
    <message>
        <source>{word}の移動</source>
        <translation>Move {word}</translation>
    </message>
    <message>
        <source>{year}の進捗評価</source>
        <translation>Progress rating for {year}</translation>
    </message>
    <message>
        <source> ほか{n}</source>
        <translation> +{n}</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>別のファイルから取り込み — %1</source>
        <translation>Merge from Another File — %1</translation>
    </message>
    <message>
        <source>すべてこちらを残す</source>
        <translation>Keep This File for All</translation>
    </message>
    <message>
        <source>すべて相手を採用</source>
        <translation>Use Other File for All</translation>
    </message>
    <message>
        <source>両方で変更された記録です。どちらを残すか選んでください。</source>
        <translation>These records were changed in both files. Choose which version to keep.</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>採用</source>
        <translation>Choice</translation>
    </message>
    <message>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>こちら</source>
        <translation>This file</translation>
    </message>
    <message>
        <source>相手</source>
        <translation>Other file</translation>
    </message>
    <message>
        <source>競合（%1）</source>
        <translation>Conflicts (%1)</translation>
    </message>
    <message>
        <source>取り込む変更（%1）</source>
        <translation>Changes to take (%1)</translation>
    </message>
    <message>
        <source>取り込む</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>こちらを残す</source>
        <translation>Keep this file</translation>
    </message>
    <message>
        <source>相手を採用</source>
        <translation>Use other file</translation>
    </message>
    <message>
        <source>相手の変更</source>
        <translation>Changed there</translation>
    </message>
    <message>
        <source>相手で追加</source>
        <translation>Added there</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <source>こちらが新しい</source>
        <translation>Newer here</translation>
    </message>
    <message>
        <source>「%1」と比べました: 相手の変更 %2 件、相手で追加 %3 件、削除 %4 件、こちらが新しい %5 件、競合 %6 件。取り込むと、先にバックアップを作成してから1回の操作として書き込みます（元に戻せます）。</source>
        <translation>Compared with “%1”: %2 changed there, %3 added there, %4 deleted, %5 newer here, %6 conflicts. Merging makes a backup first, then writes everything as one step (Undo can revert it).</translation>
    </message>
</context>
<context>
    <name>NewPlanWizard</name>
    <message>
        <source>新規作成</source>
        <translation>New</translation>
    </message>
    <message>
        <source>作成…</source>
        <translation>Create…</translation>
    </message>
</context>
<context>
    <name>NextPeriodWizard</name>
    <message>
        <source>次の期間の計画を作成</source>
        <translation>Create Next Period&apos;s Plan</translation>
    </message>
    <message>
        <source>作成</source>
        <translation>Create</translation>
    </message>
</context>
<context>
    <name>PlanSettingsDialog</name>
    <message>
        <source>計画の設定</source>
        <translation>Plan Settings</translation>
    </message>
    <message>
        <source>適用</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>基本</source>
        <translation>Basic</translation>
    </message>
    <message>
        <source>例: 令和４年１月</source>
        <translation>e.g. 令和４年１月</translation>
    </message>
    <message>
        <source>計画名</source>
        <translation>Plan name</translation>
    </message>
    <message>
        <source>副題</source>
        <translation>Subtitle</translation>
    </message>
    <message>
        <source>基本方針</source>
        <translation>Basic policy</translation>
    </message>
    <message>
        <source>基本方針（副）</source>
        <translation>Basic policy (sub)</translation>
    </message>
    <message>
        <source>計画期間（年度、西暦）</source>
        <translation>Plan period (fiscal years, Western calendar)</translation>
    </message>
    <message>
        <source>期間の区切り（前期・後期など）</source>
        <translation>Periods (first half, second half, …)</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>開始年度</source>
        <translation>First year</translation>
    </message>
    <message>
        <source>終了年度</source>
        <translation>Last year</translation>
    </message>
    <message>
        <source>期間を追加</source>
        <translation>Add period</translation>
    </message>
    <message>
        <source>構成と名称</source>
        <translation>Structure and names</translation>
    </message>
    <message>
        <source>例: 事業、施策</source>
        <translation>e.g. 事業, 施策</translation>
    </message>
    <message>
        <source>評価する項目の呼び名</source>
        <translation>Name of the items you evaluate</translation>
    </message>
    <message>
        <source>階層の名称（上の階層から）</source>
        <translation>Names of the levels (from the top)</translation>
    </message>
    <message>
        <source>略称（絞り込み・狭い欄）</source>
        <translation>Short name (filters, narrow columns)</translation>
    </message>
    <message>
        <source>階層を追加</source>
        <translation>Add level</translation>
    </message>
    <message>
        <source>グループ</source>
        <translation>Groups</translation>
    </message>
    <message>
        <source>名称と番号はダブルクリックで変更できます。番号を空にすると内部の番号を表示し、「番号なし」にすると番号を表示しません。グループを削除すると、中の項目とグループは一つ上のグループに移ります。</source>
        <translation>Double-click a name or number to change it. An empty number shows the internal number; &quot;no number&quot; shows none. Deleting a group moves its items and groups one level up.</translation>
    </message>
    <message>
        <source>表示する番号</source>
        <translation>Number shown</translation>
    </message>
    <message>
        <source>番号なし</source>
        <translation>No number</translation>
    </message>
    <message>
        <source>同じ階層に追加</source>
        <translation>Add at the same level</translation>
    </message>
    <message>
        <source>中に追加</source>
        <translation>Add inside</translation>
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
        <source>階層を上げる</source>
        <translation>Level up</translation>
    </message>
    <message>
        <source>階層を下げる</source>
        <translation>Level down</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>評価</source>
        <translation>Evaluation</translation>
    </message>
    <message>
        <source>評価の段階（1～3）</source>
        <translation>Evaluation stages (1–3)</translation>
    </message>
    <message>
        <source>例: 担当課 → 行政評価委員会、所管課 → 推進会議 → 庁議。最後の段階で確定すると編集できなくなります。</source>
        <translation>e.g. 担当課 → 行政評価委員会, 所管課 → 推進会議 → 庁議. Confirming at the last stage locks the evaluation.</translation>
    </message>
    <message>
        <source>段階の名称</source>
        <translation>Stage name</translation>
    </message>
    <message>
        <source>略称</source>
        <translation>Short name</translation>
    </message>
    <message>
        <source>確定後の状態の表示</source>
        <translation>Status shown after confirming</translation>
    </message>
    <message>
        <source>段階を追加</source>
        <translation>Add stage</translation>
    </message>
    <message>
        <source>取組状況の選択肢</source>
        <translation>Options of the status of work</translation>
    </message>
    <message>
        <source>選択肢</source>
        <translation>Option</translation>
    </message>
    <message>
        <source>着手とみなす</source>
        <translation>Counts as started</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>今後の方向性の選択肢</source>
        <translation>Options of the future direction</translation>
    </message>
    <message>
        <source>終了（次期に引き継がない）</source>
        <translation>Ends (not carried into the next period)</translation>
    </message>
    <message>
        <source>例: 全{n}項目の取組に着手（{n} は件数。空欄なら目標を表示しません）</source>
        <translation>e.g. 全{n}項目の取組に着手 ({n} is the count; empty shows no goal)</translation>
    </message>
    <message>
        <source>計画の検証の目標</source>
        <translation>Goal of the plan review</translation>
    </message>
    <message>
        <source>評価基準（A～D など）の設定…</source>
        <translation>Rating scale (A–D etc.)…</translation>
    </message>
    <message>
        <source>関連表・地域</source>
        <translation>Cross-reference and areas</translation>
    </message>
    <message>
        <source>関連表（各項目との関連を ◎・○ で示す表。使わない場合は空のまま）</source>
        <translation>Cross-reference table (relations of each measure marked ◎/○; leave empty if unused)</translation>
    </message>
    <message>
        <source>例: SDGs、重点戦略</source>
        <translation>e.g. SDGs, priority strategies</translation>
    </message>
    <message>
        <source>番号をローマ数字で表示する（Ⅰ、Ⅱ、…）</source>
        <translation>Show numbers as Roman numerals (Ⅰ, Ⅱ, …)</translation>
    </message>
    <message>
        <source>呼び名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>略称（表の見出し）</source>
        <translation>Short name (table heading)</translation>
    </message>
    <message>
        <source>地域（地域ごとに進捗を記録する場合。使わない場合は空のまま）</source>
        <translation>Areas (to record progress per area; leave empty if unused)</translation>
    </message>
    <message>
        <source>例: 地区、校区</source>
        <translation>e.g. 地区, 校区</translation>
    </message>
    <message>
        <source>地域の単位の呼び名</source>
        <translation>Name of the area unit</translation>
    </message>
    <message>
        <source>工程</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>工程の区分</source>
        <translation>Schedule phases</translation>
    </message>
    <message>
        <source>色（ダブルクリックで選択）</source>
        <translation>Colour (double-click to choose)</translation>
    </message>
    <message>
        <source>区分を追加</source>
        <translation>Add phase</translation>
    </message>
    <message>
        <source>内部の番号: {no}</source>
        <translation>Internal number: {no}</translation>
    </message>
    <message>
        <source>新しいグループ</source>
        <translation>New group</translation>
    </message>
    <message>
        <source>
…ほか {n} 件</source>
        <translation>
…and {n} more</translation>
    </message>
    <message>
        <source>適用できません:
</source>
        <translation>Cannot apply:
</translation>
    </message>
    <message>
        <source>適用すると次のように変わります:
</source>
        <translation>Applying changes the following:
</translation>
    </message>
    <message>
        <source>この変更で次のデータが移動・変更・削除されます。

{list}

続けますか？（元に戻す で取り消せます）</source>
        <translation>This change moves, changes or deletes the following data.

{list}

Continue? (Undo can bring it back.)</translation>
    </message>
</context>
<context>
    <name>PrintActions</name>
    <message>
        <source>評価シート（選択中の事項）(&amp;S)…</source>
        <translation>Evaluation &amp;Sheet (Selected Measure)…</translation>
    </message>
    <message>
        <source>記入用シート（選択中の事項）(&amp;B)…</source>
        <translation>&amp;Blank Sheet (Selected Measure)…</translation>
    </message>
    <message>
        <source>全事項の評価シート(&amp;A)…</source>
        <translation>Evaluation Sheets for &amp;All Measures…</translation>
    </message>
    <message>
        <source>全事項の記入用シート(&amp;F)…</source>
        <translation>Blank Sheets &amp;for All Measures…</translation>
    </message>
    <message>
        <source>評価結果一覧(&amp;R)…</source>
        <translation>Evaluation &amp;Results…</translation>
    </message>
    <message>
        <source>印刷</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0}（{1} / {2}）</source>
        <translation>{0} ({1} / {2})</translation>
    </message>
    <message>
        <source>帳票を作成できませんでした: {0}</source>
        <translation>Could not create the report: {0}</translation>
    </message>
    <message>
        <source>一覧及び工程(&amp;O)…</source>
        <translation>List and Sche&amp;dule…</translation>
    </message>
    <message>
        <source>{word}一覧及び工程(&amp;O)…</source>
        <translation>{word} List and Sche&amp;dule…</translation>
    </message>
    <message>
        <source>{word}一覧及び工程</source>
        <translation>{word} list and schedule</translation>
    </message>
    <message>
        <source>印刷する{word}を選択してください</source>
        <translation>Select the {word} to print</translation>
    </message>
    <message>
        <source>記入用シート（№{0}）</source>
        <translation>Blank sheet (No. {0})</translation>
    </message>
    <message>
        <source>評価シート（№{0}）</source>
        <translation>Evaluation sheet (No. {0})</translation>
    </message>
    <message>
        <source>全事項の記入用シート</source>
        <translation>Blank sheets for all measures</translation>
    </message>
    <message>
        <source>全事項の評価シート</source>
        <translation>Evaluation sheets for all measures</translation>
    </message>
    <message>
        <source>評価結果一覧</source>
        <translation>Evaluation results</translation>
    </message>
</context>
<context>
    <name>PrintPreview</name>
    <message>
        <source>PDF を表示できません（{0}）</source>
        <translation>Cannot display the PDF ({0})</translation>
    </message>
    <message>
        <source>印刷するページがありません</source>
        <translation>There are no pages to print</translation>
    </message>
    <message>
        <source>プリンターを開始できませんでした</source>
        <translation>Could not start the printer</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <source>印刷プレビュー － {0}</source>
        <translation>Print Preview – {0}</translation>
    </message>
    <message>
        <source>全 {0} ページ</source>
        <translation>{0} pages</translation>
    </message>
    <message>
        <source>幅に合わせる</source>
        <translation>Fit Width</translation>
    </message>
    <message>
        <source>ページ全体</source>
        <translation>Whole Page</translation>
    </message>
    <message>
        <source>印刷(&amp;P)…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>PDFとして保存(&amp;S)…</source>
        <translation>&amp;Save as PDF…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>作成しています…</source>
        <translation>Creating…</translation>
    </message>
    <message>
        <source>作成しています… {0} / {1} 件</source>
        <translation>Creating… {0} / {1}</translation>
    </message>
    <message>
        <source>印刷</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>帳票を作成できませんでした: {0}</source>
        <translation>Could not create the document: {0}</translation>
    </message>
    <message>
        <source>印刷しています…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>PDFとして保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF ファイル (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>{0} に保存できませんでした: {1}</source>
        <translation>Could not save to {0}: {1}</translation>
    </message>
</context>
<context>
    <name>RatingBarChart</name>
    <message>
        <source>未評価</source>
        <translation>Not rated</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>RatingScaleDialog</name>
    <message>
        <source>評価基準の設定</source>
        <translation>Rating Scale</translation>
    </message>
    <message>
        <source>進捗評価の段階を設定します。上ほど良い評価です。点数は平均点の計算に使います。記号を変えると、その記号の評価もすべて新しい記号になります。</source>
        <translation>Sets the levels of the progress rating; higher rows are better. Points are used for the average score. Changing a symbol also changes every rating that uses it to the new symbol.</translation>
    </message>
    <message>
        <source>記号</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>定義</source>
        <translation>Definition</translation>
    </message>
    <message>
        <source>点数</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>段階を追加</source>
        <translation>Add Level</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Remove</translation>
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
        <source>既定に戻す</source>
        <translation>Restore Defaults</translation>
    </message>
    <message>
        <source>{0}行目の点数: {1}</source>
        <translation>Points in row {0}: {1}</translation>
    </message>
    <message>
        <source>{0}行目: </source>
        <translation>Row {0}: </translation>
    </message>
</context>
<context>
    <name>ReportOptionsDialog</name>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>工程の始まり</source>
        <translation>Schedule from</translation>
    </message>
    <message>
        <source>工程の終わり</source>
        <translation>Schedule to</translation>
    </message>
    <message>
        <source>A4 横</source>
        <translation>A4 landscape</translation>
    </message>
    <message>
        <source>A3 横</source>
        <translation>A3 landscape</translation>
    </message>
    <message>
        <source>用紙</source>
        <translation>Paper</translation>
    </message>
    <message>
        <source>例: 第2回推進会議（空欄なら計画名）</source>
        <translation>e.g. 第2回推進会議 (empty uses the plan name)</translation>
    </message>
    <message>
        <source>会議名</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>開催日を印刷する</source>
        <translation>Print the meeting date</translation>
    </message>
    <message>
        <source>開催日</source>
        <translation>Meeting date</translation>
    </message>
    <message>
        <source>例: 資料3</source>
        <translation>e.g. 資料3</translation>
    </message>
    <message>
        <source>資料番号</source>
        <translation>Document No.</translation>
    </message>
    <message>
        <source>両面印刷用</source>
        <translation>For two-sided printing</translation>
    </message>
    <message>
        <source>各事項を表面から始めます。裏面が空くときは「（白紙）」と印刷します。片面印刷ではチェックを外してください。</source>
        <translation>Each measure starts on a front page; an empty back page is printed as 「（白紙）」. Untick for one-sided printing.</translation>
    </message>
    <message>
        <source>両面</source>
        <translation>Two-sided</translation>
    </message>
    <message>
        <source>すべての期間を印刷（今年度の分を強調）</source>
        <translation>Print every period (this year highlighted)</translation>
    </message>
    <message>
        <source>年度別行動計画</source>
        <translation>Yearly action plan</translation>
    </message>
    <message>
        <source>例: 課長、係長、担当（空欄なら確認欄なし）</source>
        <translation>e.g. 課長, 係長, 担当 (empty means no approval boxes)</translation>
    </message>
    <message>
        <source>確認欄</source>
        <translation>Approval boxes</translation>
    </message>
    <message>
        <source>会議確定前の評価も含める（「案」と表示）</source>
        <translation>Include evaluations not yet confirmed by the meeting (marked 「案」)</translation>
    </message>
    <message>
        <source>集計</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>プレビュー</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>日付を入力してください（印刷しないときは「開催日を印刷する」のチェックを外します）</source>
        <translation>Enter a date (untick &quot;Print the meeting date&quot; to leave it out)</translation>
    </message>
    <message>
        <source>開催日: {0}</source>
        <translation>Meeting date: {0}</translation>
    </message>
    <message>
        <source>工程の始まりが終わりより後になっています</source>
        <translation>The schedule starts after it ends</translation>
    </message>
    <message>
        <source>確認欄: {0}</source>
        <translation>Approval boxes: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewActions</name>
    <message>
        <source>計画(&amp;L)</source>
        <translation>P&amp;lan</translation>
    </message>
    <message>
        <source>計画の設定(&amp;S)…</source>
        <translation>Plan &amp;Settings…</translation>
    </message>
    <message>
        <source>表示する期間(&amp;P)</source>
        <translation>Displayed &amp;Period</translation>
    </message>
    <message>
        <source>計画の検証(&amp;V)…</source>
        <translation>Plan Re&amp;view…</translation>
    </message>
    <message>
        <source>次の期間の計画を作成(&amp;N)…</source>
        <translation>Create &amp;Next Period&apos;s Plan…</translation>
    </message>
    <message>
        <source>期間のロック・ロック解除(&amp;K)…</source>
        <translation>Lock or Unlock Periods (&amp;K)…</translation>
    </message>
    <message>
        <source>地域別の進捗(&amp;C)…</source>
        <translation>Progress by Area (&amp;C)…</translation>
    </message>
    <message>
        <source>すべて(&amp;A)</source>
        <translation>&amp;All</translation>
    </message>
    <message>
        <source>{unit}別の進捗(&amp;C)…</source>
        <translation>Progress by {unit} (&amp;C)…</translation>
    </message>
    <message>
        <source>期間のロック</source>
        <translation>Period Lock</translation>
    </message>
    <message>
        <source>ロックを切り替える期間:</source>
        <translation>Period to lock or unlock:</translation>
    </message>
    <message>
        <source>ロック解除</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>{name}のロックを解除する理由:</source>
        <translation>Reason for unlocking {name}:</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <source>計画の検証</source>
        <translation>Plan Review</translation>
    </message>
</context>
<context>
    <name>ReviewView</name>
    <message>
        <source>PDF に保存…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>{meeting}確定前の評価（{mark}）も数える</source>
        <translation>Also count ratings not yet confirmed by {meeting} ({mark})</translation>
    </message>
    <message>
        <source>期間:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>この計画には期間（前期・後期など）が設定されていません。</source>
        <translation>This plan has no periods (first period, second period, etc.).</translation>
    </message>
    <message>
        <source>評価の集計には{meeting}で確定していない評価（{mark}）{n} 件を含みます。</source>
        <translation>The rating figures include {n} ratings not confirmed by {meeting} ({mark}).</translation>
    </message>
    <message>
        <source>評価の集計は{meeting}で確定した評価のみです（印刷と同じ）。</source>
        <translation>The rating figures count only ratings confirmed by {meeting}, as on paper.</translation>
    </message>
    <message>
        <source>PDF に保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>{0} に保存できませんでした: {1}</source>
        <translation>Could not save to {0}: {1}</translation>
    </message>
</context>
<context>
    <name>SafetyDialogs</name>
    <message>
        <source>{n} バイト</source>
        <translation>{n} bytes</translation>
    </message>
    <message>
        <source>{n} KB</source>
        <translation>{n} KB</translation>
    </message>
    <message>
        <source>{n:.1f} MB</source>
        <translation>{n:.1f} MB</translation>
    </message>
    <message>
        <source>使用できません（{reason}）</source>
        <translation>Unusable ({reason})</translation>
    </message>
    <message>
        <source>手動</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>自動（起動時）</source>
        <translation>Automatic (at start)</translation>
    </message>
    <message>
        <source>形式の更新前</source>
        <translation>Before format upgrade</translation>
    </message>
    <message>
        <source>読み込み前</source>
        <translation>Before import</translation>
    </message>
    <message>
        <source>統合前</source>
        <translation>Before merge</translation>
    </message>
    <message>
        <source>復元前</source>
        <translation>Before restore</translation>
    </message>
    <message>
        <source>ファイルが壊れています</source>
        <translation>The file is damaged</translation>
    </message>
    <message>
        <source>バックアップから復元</source>
        <translation>Restore from Backup</translation>
    </message>
    <message>
        <source>復元しない</source>
        <translation>Don&apos;t Restore</translation>
    </message>
    <message>
        <source>計画のファイルを開けませんでした。ファイルの一部が壊れています。</source>
        <translation>The plan file could not be opened. Part of the file is damaged.</translation>
    </message>
    <message>
        <source>ファイル: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>見つかった問題: {detail}</source>
        <translation>Problem found: {detail}</translation>
    </message>
    <message>
        <source>最新の正常なバックアップ（{time} 作成、{summary}）から復元できます。そのバックアップより後に行った変更は、復元後のファイルには含まれません。</source>
        <translation>You can restore the newest good backup (made {time}, {summary}). Changes made after that backup will not be in the restored file.</translation>
    </message>
    <message>
        <source>壊れたファイルは削除も上書きもせず、「{name}」という名前に変えて同じフォルダーに残します。</source>
        <translation>The damaged file is neither deleted nor overwritten: it is renamed to “{name}” and kept in the same folder.</translation>
    </message>
    <message>
        <source>使用できるバックアップが見つかりません（{folder}）。壊れたファイルは変更せず、そのまま残しています。管理者に相談してください。</source>
        <translation>No usable backup was found ({folder}). The damaged file has been left unchanged. Please ask your administrator.</translation>
    </message>
    <message>
        <source>同じフォルダーにある「-journal」で終わるファイルは、削除したり名前を変えたりしないでください。</source>
        <translation>Do not delete or rename the files ending in “-journal” in the same folder.</translation>
    </message>
    <message>
        <source>復元できません</source>
        <translation>Cannot restore</translation>
    </message>
    <message>
        <source>壊れたファイルは {path} に残しました。</source>
        <translation>The damaged file was kept as {path}.</translation>
    </message>
    <message>
        <source>復元しました</source>
        <translation>Restored</translation>
    </message>
    <message>
        <source>{time} のバックアップから復元しました（{summary}）。{kept}</source>
        <translation>Restored from the backup of {time} ({summary}). {kept}</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>大きさ</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Contents</translation>
    </message>
    <message>
        <source>復元するバックアップを選んでください。現在の内容は、復元の前にバックアップとして保存します。</source>
        <translation>Choose the backup to restore. The current contents are backed up before restoring.</translation>
    </message>
    <message>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>このファイルのバックアップはまだありません（{folder}）。</source>
        <translation>There are no backups of this file yet ({folder}).</translation>
    </message>
    <message>
        <source>読み取り専用で開いているため復元できません。</source>
        <translation>The file is open read-only, so it cannot be restored.</translation>
    </message>
    <message>
        <source>{time} のバックアップ（{summary}）から復元しますか？

現在の内容は、復元の前にバックアップとして保存します。「元に戻す」の履歴は消去されます。</source>
        <translation>Restore from the backup of {time} ({summary})?

The current contents are backed up before restoring. The undo history is cleared.</translation>
    </message>
    <message>
        <source>{time} のバックアップから復元しました（{summary}）。
復元前の内容は {safety} に保存しました。</source>
        <translation>Restored from the backup of {time} ({summary}).
The previous contents were saved to {safety}.</translation>
    </message>
    <message>
        <source>別のプログラムが開いています</source>
        <translation>Another program has it open</translation>
    </message>
    <message>
        <source>ファイルは使用中です</source>
        <translation>File in use</translation>
    </message>
    <message>
        <source>このファイルは既に開かれています。
{who}。

2か所で同時に編集すると変更が失われるため、ここでは読み取り専用でのみ開けます。読み取り専用で開きますか？</source>
        <translation>This file is already open.
{who}.

Editing in two places at once would lose changes, so it can only be opened read-only here. Open it read-only?</translation>
    </message>
    <message>
        <source>{path}

ファイルが見つかりません。名前と場所を確かめてください。</source>
        <translation>{path}

The file was not found. Check its name and location.</translation>
    </message>
    <message>
        <source>読み取り専用で開きます</source>
        <translation>Opening read-only</translation>
    </message>
    <message>
        <source>{path}

{reason}。読み取り専用で開きます（表示と印刷はできますが、変更はできません）。変更するには、書き込みできる場所にコピーしてから開いてください。</source>
        <translation>{path}

{reason}. Opening read-only (you can view and print, but not change). To make changes, copy it to a writable place and open the copy.</translation>
    </message>
    <message>
        <source>このファイルには計画が入っていません。</source>
        <translation>This file contains no plan.</translation>
    </message>
    <message>
        <source>問題は見つかりませんでした（{word} {m} 件、評価 {e} 件）。
{path}</source>
        <translation>No problems found ({m} {word}, {e} evaluations).
{path}</translation>
    </message>
    <message>
        <source>バックアップから復元(&amp;T)…</source>
        <translation>Res&amp;tore from Backup…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>編集は自動で保存されています。最後のバックアップの日時を表示します</source>
        <translation>Edits are saved automatically. Shows the time of the last backup</translation>
    </message>
    <message>
        <source>ファイルを開けません</source>
        <translation>Cannot open the file</translation>
    </message>
    <message>
        <source>{word} {m} 件・評価 {e} 件</source>
        <translation>{m} {word} · {e} evaluations</translation>
    </message>
    <message>
        <source>{path}

{reason}</source>
        <translation>{path}

{reason}</translation>
    </message>
    <message>
        <source>このファイルは読み取り専用で開かれています。編集はできません。</source>
        <translation>This file is open read-only. It cannot be edited.</translation>
    </message>
    <message>
        <source>赤字で示した欄（{0} か所）は入力を直すまで保存されません。ほかの編集はすべてファイルへ保存されています。</source>
        <translation>The fields marked in red ({0}) are not saved until their input is corrected. All other edits are saved to the file.</translation>
    </message>
    <message>
        <source>編集はすべて、入力したときにファイルへ保存されています（保存の操作は要りません）。</source>
        <translation>Every edit is saved to the file as you type it (no need to save).</translation>
    </message>
    <message>
        <source>最後のバックアップ: {time}</source>
        <translation>Last backup: {time}</translation>
    </message>
    <message>
        <source>バックアップはまだありません（ファイル → バックアップを作成）。</source>
        <translation>No backup yet (File → Create Backup).</translation>
    </message>
    <message>
        <source>バックアップを作成できません</source>
        <translation>Cannot create a backup</translation>
    </message>
    <message>
        <source>バックアップを作成しました</source>
        <translation>Backup created</translation>
    </message>
    <message>
        <source>バックアップを作成しました（{summary}）。
{path}</source>
        <translation>Backup created ({summary}).
{path}</translation>
    </message>
    <message>
        <source>データベースの検査</source>
        <translation>Database Check</translation>
    </message>
    <message>
        <source>ファイルに問題が見つかりました。

{problems}

これ以上の編集はせず、ファイル → バックアップから復元 で正常なバックアップに戻してください。同じフォルダーにある「-journal」で終わるファイルは削除しないでください。</source>
        <translation>Problems were found in the file.

{problems}

Do not edit any further; go back to a good backup with File → Restore from Backup. Do not delete the files ending in “-journal” in the same folder.</translation>
    </message>
    <message>
        <source>（メモリ上）</source>
        <translation>(in memory)</translation>
    </message>
    <message>
        <source>バックアップを作成(&amp;B)</source>
        <translation>Create &amp;Backup</translation>
    </message>
    <message>
        <source>データベースの検査(&amp;C)</source>
        <translation>&amp;Check Database</translation>
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
        <source>見本：{sample}</source>
        <translation>Sample: {sample}</translation>
    </message>
    <message>
        <source>№1 計画の項目の名称</source>
        <translation>No.1 Name of a plan item</translation>
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
        <translation>100% by {0}</translation>
    </message>
</context>
<context>
    <name>TimelineText</name>
    <message>
        <source>【重点】</source>
        <extracomment>Room left and right of the current year&apos;s header text in its column.</extracomment>
        <translation>[Priority]</translation>
    </message>
    <message>
        <source> 今年度</source>
        <translation> this year</translation>
    </message>
    <message>
        <source>凡例</source>
        <translation>Legend</translation>
    </message>
    <message>
        <source>今年度</source>
        <translation>This year</translation>
    </message>
    <message>
        <source>前期・後期の境</source>
        <translation>Boundary of first/second half</translation>
    </message>
    <message>
        <source>評価（{0}）</source>
        <translation>Rating ({0})</translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>工程: {0}</source>
        <extracomment>The user selected a measure here (click or keyboard). Not emitted by :meth:`select_measure`. The vertical scroll position (pixels from the first row) changed.</extracomment>
        <translation>Phase: {0}</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <source>評価: {0} {1}</source>
        <translation>Rating: {0} {1}</translation>
    </message>
    <message>
        <source>年度別行動計画</source>
        <translation>Yearly action plan</translation>
    </message>
    <message>
        <source>（この年度の行動計画はありません）</source>
        <translation>(no action plan for this year)</translation>
    </message>
    <message>
        <source>行が多すぎて1枚の画像にできません。PDFで書き出してください。</source>
        <translation>Too many rows for one image. Export as PDF instead.</translation>
    </message>
    <message>
        <source>画像を保存できませんでした: {0}</source>
        <translation>Could not save the image: {0}</translation>
    </message>
    <message>
        <source>{word}の工程</source>
        <translation>{word} schedule</translation>
    </message>
    <message>
        <source>PDFを作成できませんでした: {0}</source>
        <translation>Could not create the PDF: {0}</translation>
    </message>
    <message>
        <source>工程の移動</source>
        <translation>Move phase</translation>
    </message>
    <message>
        <source>工程の期間変更</source>
        <translation>Resize phase</translation>
    </message>
    <message>
        <source>工程の置き換え</source>
        <translation>Replace schedule</translation>
    </message>
    <message>
        <source>№{0} {1}

{2}

よろしいですか？（「元に戻す」で取り消せます）</source>
        <translation>No.{0} {1}

{2}

Proceed? (Undo can bring it back.)</translation>
    </message>
    <message>
        <source>工程の設定</source>
        <translation>Set phase</translation>
    </message>
    <message>
        <source>工程の消去</source>
        <translation>Clear phase</translation>
    </message>
    <message>
        <source>{0}にする</source>
        <translation>Set to {0}</translation>
    </message>
    <message>
        <source>この年度の工程を消す</source>
        <translation>Clear This Year&apos;s Phase</translation>
    </message>
    <message>
        <source>工程を変更できません</source>
        <translation>Cannot change the schedule</translation>
    </message>
    <message>
        <source>【重点】</source>
        <translation>[Priority]</translation>
    </message>
</context>
<context>
    <name>TitleDelegate</name>
    <message>
        <source>一致: {0}</source>
        <translation>Match: {0}</translation>
    </message>
</context>
<context>
    <name>UnexpectedErrorsText</name>
    <message>
        <source>予期しないエラーが発生しました。アプリはこのまま使えます。</source>
        <translation>An unexpected error occurred. You can keep using the app.</translation>
    </message>
    <message>
        <source>これまでに終えた編集はファイルに保存されています。直前の操作は反映されていない可能性があります。</source>
        <translation>The edits you completed are saved in the file. The last operation may not have been applied.</translation>
    </message>
    <message>
        <source>画面の内容をファイルから読み直しました（「元に戻す」の履歴は消えました）。</source>
        <translation>The window was reloaded from the file (the undo history was cleared).</translation>
    </message>
    <message>
        <source>エラーの記録: {0}
このファイルをシステム担当者に送ってください。</source>
        <translation>Error log: {0}
Please send this file to your system administrator.</translation>
    </message>
    <message>
        <source>エラーの記録を書き込めませんでした（{0}）。下の「詳細」の内容をシステム担当者に伝えてください。</source>
        <translation>The error log could not be written ({0}). Please tell your system administrator what &quot;Details&quot; below says.</translation>
    </message>
    <message>
        <source>予期しないエラー</source>
        <translation>Unexpected error</translation>
    </message>
</context>
<context>
    <name>_DraftPage</name>
    <message>
        <source>{w}の案</source>
        <translation>Draft {w}</translation>
    </message>
    <message>
        <source>引き継ぐかどうか、№と名称を確認してください。2行を選んで統合できます。</source>
        <translation>Check which measures to carry over and their numbers and titles. Select two rows to merge them.</translation>
    </message>
    <message>
        <source>作成</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>所属</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>{w}を追加</source>
        <translation>Add {w}</translation>
    </message>
    <message>
        <source>新しい{w}</source>
        <translation>New {w}</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>前の期間の{w}</source>
        <translation>{w} of the previous period</translation>
    </message>
    <message>
        <source>選んだ2行を統合</source>
        <translation>Merge 2 Selected Rows</translation>
    </message>
    <message>
        <source>番号を振り直す</source>
        <translation>Renumber</translation>
    </message>
    <message>
        <source>（新規）</source>
        <translation>(new)</translation>
    </message>
    <message>
        <source>統合</source>
        <translation>Merge</translation>
    </message>
    <message>
        <source>統合する2行を選んでください。</source>
        <translation>Select the two rows to merge.</translation>
    </message>
</context>
<context>
    <name>_PeriodPage</name>
    <message>
        <source>期間の選択</source>
        <translation>Choose Periods</translation>
    </message>
    <message>
        <source>前の期間の最後の「改善策・次年度の取組」を行動計画の最初の項目にする</source>
        <translation>Use the previous period&apos;s last “improvements / next year&apos;s work” as the first action plan item</translation>
    </message>
    <message>
        <source>前の期間の{w}から、次の期間の{w}を作ります。前の期間の{w}はそのまま残ります。</source>
        <translation>Creates the next period&apos;s {w} from the previous period&apos;s {w}. The previous period&apos;s {w} stay as they are.</translation>
    </message>
    <message>
        <source>作成後、前の期間の{w}を読み取り専用にする（ロック）</source>
        <translation>After creating, make the previous period&apos;s {w} read-only (lock)</translation>
    </message>
    <message>
        <source>前の期間:</source>
        <translation>Previous period:</translation>
    </message>
    <message>
        <source>作成する期間:</source>
        <translation>Period to create:</translation>
    </message>
    <message>
        <source>（なし）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>既定では、最新の「今後の方向性」が{closing}の{w}を除いて引き継ぎます。作成の前にバックアップを取り、作成は一度の「元に戻す」で取り消せます。</source>
        <translation>By default, all {w} are carried over except those whose latest &quot;future direction&quot; is {closing}. A backup is taken first, and one Undo reverses the creation.</translation>
    </message>
</context>
</TS>

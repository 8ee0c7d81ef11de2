import { Button, Result } from 'antd';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function CrashMessage({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Result
      status="error"
      title={t('crash.title')}
      subTitle={t('crash.subtitle', { message: error.message })}
      extra={
        <Button type="primary" onClick={onRetry}>
          {t('crash.reload')}
        </Button>
      }
    />
  );
}

type Props = { children: ReactNode; resetKey?: string };
type State = { error: Error | null; resetKey?: string };

/** Keeps a crashing page from blanking the whole app; navigating elsewhere (new resetKey) clears it. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.resetKey ? { error: null, resetKey: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return <CrashMessage error={this.state.error} onRetry={() => window.location.reload()} />;
    }
    return this.props.children;
  }
}

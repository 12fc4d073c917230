import '@veritrail/ui/styles.css'
import './app/app.css'
import { render } from 'solid-js/web'
import { App } from './app/App.tsx'

render(() => <App />, document.getElementById('app')!)
